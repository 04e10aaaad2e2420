/**
 * Checks what an adapter module gives the suite (lib/adapter.ts): its default export when it
 * loads, and each `run` result. A wrong field is said by its path (`trace[3].time is NaN`), so
 * a port author knows what to fix; nothing an adapter returns reaches the comparison unchecked.
 */
import type { Outcome, RunResult, TraceEntry } from '../ir/program.ts';
import { DEFAULT_FEATURES, type ProgramFeatures } from '../generators/_internals/constraints.ts';
import { ADAPTER_INTERFACE_VERSION } from '../lib/adapter.ts';

/** What the suite keeps of a loaded adapter (sent from the child process as plain data). */
export interface AdapterDescription {
  name: string;
  compares: 'time' | 'order';
  features?: Partial<ProgramFeatures>;
}

/** Extensions a `--target` value must end with to be an adapter module (else a path is an oracle interpreter). */
export const ADAPTER_EXTENSIONS = ['.mjs', '.js', '.ts', '.mts'] as const;

export function looksLikeAdapterPath(target: string): boolean {
  return ADAPTER_EXTENSIONS.some((ext) => target.endsWith(ext));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * The default export's shape; returns what is wrong (one sentence each), or the description.
 * Feature names are checked by the parent (knownFeaturesProblem), which knows the generator.
 */
export function checkAdapterModule(exported: unknown): AdapterDescription | { problems: string[] } {
  if (!isRecord(exported) && typeof exported !== 'function') return { problems: ['it has no default export (write `export default { name, compares, run }`)'] };
  const m = exported as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof m.name !== 'string' || m.name.length === 0) problems.push(`name must be a non-empty string, got ${describeValue(m.name)}`);
  if (m.compares !== 'time' && m.compares !== 'order') problems.push(`compares must be 'time' or 'order', got ${describeValue(m.compares)}`);
  if (typeof m.run !== 'function') problems.push(`run must be a function (input) => { trace, outcome }, got ${describeValue(m.run)}`);
  if (m.interfaceVersion !== undefined && m.interfaceVersion !== ADAPTER_INTERFACE_VERSION) {
    problems.push(`interfaceVersion ${describeValue(m.interfaceVersion)} is not one this suite speaks (${ADAPTER_INTERFACE_VERSION})`);
  }
  if (m.features !== undefined) {
    if (!isRecord(m.features)) problems.push(`features must be an object such as { gather: false }, got ${describeValue(m.features)}`);
    else for (const [key, on] of Object.entries(m.features)) if (typeof on !== 'boolean') problems.push(`features.${key} must be true or false, got ${describeValue(on)}`);
  }
  if (problems.length > 0) return { problems };
  return {
    name: m.name as string,
    compares: m.compares as 'time' | 'order',
    ...(m.features ? { features: { ...(m.features as Partial<ProgramFeatures>) } } : {}),
  };
}

/** A feature name the generator does not know, said with the known ones; undefined when all are known. */
export function unknownFeatureProblem(features: Partial<ProgramFeatures> | undefined): string | undefined {
  const known = Object.keys(DEFAULT_FEATURES);
  const unknown = Object.keys(features ?? {}).filter((name) => !known.includes(name));
  if (unknown.length === 0) return undefined;
  return `features names ${unknown.map((n) => `"${n}"`).join(', ')}, which the generator does not know (known: ${known.join(', ')})`;
}

const OUTCOME_KINDS = ['ok', 'exception', 'deadlock', 'budget'];

function checkOutcome(value: unknown): Outcome | string {
  if (!isRecord(value)) return `outcome must be an object such as { kind: 'ok' }, got ${describeValue(value)}`;
  const { kind } = value;
  if (typeof kind !== 'string' || !OUTCOME_KINDS.includes(kind)) return `outcome.kind must be one of ${OUTCOME_KINDS.join(', ')}, got ${describeValue(kind)}`;
  if (kind === 'exception') {
    if (typeof value.type !== 'string') return `outcome.type must be the exception's type name (a string), got ${describeValue(value.type)}`;
    if (typeof value.message !== 'string') return `outcome.message must be a string (str() of the exception), got ${describeValue(value.message)}`;
    return { kind, type: value.type, message: value.message };
  }
  if (kind === 'budget') {
    if (value.limit !== 'iterations' && value.limit !== 'time') return `outcome.limit must be 'iterations' or 'time', got ${describeValue(value.limit)}`;
    return { kind, limit: value.limit };
  }
  return { kind } as Outcome;
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * One `run` result as a RunResult, or what is wrong with it. `compares: 'time'` requires a
 * finite time on every line; otherwise a missing time is 0 (not compared). A time that is
 * there must be finite either way: NaN is garbage, not "unknown".
 */
export function checkAdapterResult(value: unknown, compares: 'time' | 'order'): RunResult | { problem: string } {
  const bad = (problem: string) => ({ problem });
  if (!isRecord(value)) return bad(`run must return (or resolve to) an object { trace, outcome }, got ${describeValue(value)}`);
  if (!Array.isArray(value.trace)) return bad(`trace must be an array of { text, time?, task?, iteration? }, got ${describeValue(value.trace)}`);
  const trace: TraceEntry[] = [];
  for (const [i, line] of (value.trace as unknown[]).entries()) {
    const at = `trace[${i}]`;
    if (!isRecord(line)) return bad(`${at} must be an object { text, time?, task?, iteration? }, got ${describeValue(line)}`);
    if (typeof line.text !== 'string') return bad(`${at}.text must be a string (what was printed, newline included), got ${describeValue(line.text)}`);
    if (line.time === undefined ? compares === 'time' : !finite(line.time)) {
      return bad(`${at}.time must be a finite number of virtual seconds${compares === 'time' ? " (the adapter compares: 'time')" : ''}, got ${describeValue(line.time)}`);
    }
    if (line.task !== undefined && line.task !== null && typeof line.task !== 'string') return bad(`${at}.task must be a task name or null, got ${describeValue(line.task)}`);
    if (line.iteration !== undefined && !(finite(line.iteration) && Number.isInteger(line.iteration) && line.iteration >= 0)) {
      return bad(`${at}.iteration must be a whole number >= 0, got ${describeValue(line.iteration)}`);
    }
    trace.push({ text: line.text, time: (line.time as number | undefined) ?? 0, task: (line.task as string | null | undefined) ?? null, iteration: (line.iteration as number | undefined) ?? 0 });
  }
  const outcome = checkOutcome(value.outcome);
  if (typeof outcome === 'string') return bad(outcome);
  for (const field of ['endTime', 'iterations'] as const) {
    if (value[field] !== undefined && !finite(value[field])) return bad(`${field} must be a finite number, got ${describeValue(value[field])}`);
  }
  const last = trace.at(-1);
  return {
    trace,
    outcome,
    endTime: (value.endTime as number | undefined) ?? last?.time ?? 0,
    iterations: (value.iterations as number | undefined) ?? last?.iteration ?? 0,
  };
}
