/**
 * The JSON reporter: the full `CheckReport` on disk, the short shape CI and issues quote,
 * reading a stored report back, and merging the reports of a sharded run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Bucket, CheckReport, Counterexample, Outcomes } from './model.ts';
import { REPORT_SCHEMA } from './model.ts';
import { makeDirectory } from './make-directory.ts';
import { shardRange } from '../compare/shard.ts';

/** What CI and a bug report quote: a strict subset of `CheckReport` (same keys, same values). */
export interface IssueJson {
  runs: number;
  differences: number;
  target: CheckReport['target'];
  seed: number;
  buckets: Array<{
    name: string;
    count: number;
    example: Pick<Counterexample, 'python' | 'typescript' | 'expected' | 'actual'>;
  }>;
}

/** Writes the whole report (pretty-printed, trailing newline); creates the directory. */
export async function writeJsonReport(report: CheckReport, file: string): Promise<void> {
  await makeDirectory(dirname(file));
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}

/** The short shape; every key of it is also in the full report, with the same value. */
export function toIssueJson(report: CheckReport): IssueJson {
  return {
    runs: report.runs,
    differences: report.differences,
    target: report.target,
    seed: report.seed,
    buckets: report.buckets.map((bucket) => ({
      name: bucket.name,
      count: bucket.count,
      example: {
        python: bucket.example.python,
        typescript: bucket.example.typescript,
        expected: bucket.example.expected,
        actual: bucket.example.actual,
      },
    })),
  };
}

/** A report file that cannot be read or merged (not JSON, wrong shape, another experiment): bad input, exit 2. */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
}

/** Reads a report written by `writeJsonReport`; throws a ReportInputError naming the file if it is not one. */
export async function readJsonReport(file: string): Promise<CheckReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportInputError(`readJsonReport: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReportInputError(`readJsonReport: ${file} is not JSON (${(error as Error).message})`);
  }
  return validateReport(data, file);
}

/** Checks the schema version and the fields every reporter and the merge rely on. */
export function validateReport(data: unknown, source = 'report'): CheckReport {
  const fail = (what: string): never => {
    throw new ReportInputError(`readJsonReport: ${source} ${what}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('is not a CheckReport (expected an object)');
  const record = data as Record<string, unknown>;
  if (record.schema !== REPORT_SCHEMA) fail(`has schema ${JSON.stringify(record.schema)}, this version reads schema ${REPORT_SCHEMA} only`);
  const tool = record.tool as Record<string, unknown> | undefined;
  if (tool?.name !== 'asyncio-conformance') fail(`was not written by asyncio-conformance (tool.name is ${JSON.stringify(tool?.name)})`);
  for (const key of ['runs', 'differences', 'seed', 'durationMs'] as const) {
    if (typeof record[key] !== 'number' || !Number.isFinite(record[key])) fail(`has no numeric "${key}"`);
  }
  if (!Array.isArray(record.buckets)) fail('has no "buckets" array');
  if (typeof record.outcomes !== 'object' || record.outcomes === null) fail('has no "outcomes" object');
  const outcomes = record.outcomes as Record<string, unknown>;
  for (const key of OUTCOME_KEYS) {
    if (typeof outcomes[key] !== 'number') fail(`has no numeric "outcomes.${key}"`);
  }
  for (const [index, bucket] of (record.buckets as unknown[]).entries()) {
    const b = bucket as Record<string, unknown> | null;
    if (typeof b?.name !== 'string' || typeof b.count !== 'number' || typeof b.example !== 'object' || b.example === null) {
      fail(`has a malformed bucket at index ${index} (expected name, count and example)`);
    }
  }
  const shard = record.shard as Record<string, unknown> | undefined;
  if (shard !== undefined && !(Number.isInteger(shard.index) && Number.isInteger(shard.count) && (shard.index as number) >= 1 && (shard.index as number) <= (shard.count as number))) {
    fail(`has a malformed "shard" (expected index and count with 1 <= index <= count)`);
  }
  return data as CheckReport;
}

const OUTCOME_KEYS = ['same', 'differs', 'oracleCrash', 'portCrash', 'timeout', 'generatorBug'] as const;

export interface MergeOptions {
  /** Where each report came from (same order), for messages; default `report 1`, `report 2`... */
  sources?: string[];
  /**
   * Merge an incomplete set of shards anyway; the result carries `partial` (which shards are
   * missing) and says so wherever it is shown. Without it, a missing shard is refused.
   */
  allowPartial?: boolean;
}

/**
 * Merges the reports of one sharded run into one report. Counts and durations are summed
 * (so `durationMs` is total work, and `programsPerSecond` is runs per second of that work),
 * buckets are merged by name keeping the smaller example, shrink statistics are taken over
 * every shard's differences. Refuses (ReportInputError): reports of another experiment
 * (target, clock, seed, generator constraints, tool version, CPython, --runs of the stream),
 * the same shard twice, a whole run with anything else (they overlap), shards that slice the
 * stream differently, and, unless `allowPartial`, a set with a shard missing.
 */
export function mergeReports(reports: CheckReport[], options: MergeOptions = {}): CheckReport {
  if (reports.length === 0) throw new ReportInputError('mergeReports: no reports to merge');
  const name = (index: number) => options.sources?.[index] ?? `report ${index + 1}`;
  const [first] = reports;
  const experiment: Array<[string, (report: CheckReport) => unknown]> = [
    ['target', (report) => report.target],
    ['clock', (report) => report.clock],
    ['seed', (report) => report.seed],
    ['generator constraints', (report) => canonicalJson(report.constraints ?? {})],
    ['tool version', (report) => report.tool.version],
    ['CPython', (report) => `${report.python?.implementation} ${report.python?.version}`],
    ['--runs', (report) => report.shard?.runs],
  ];
  for (const [key, pick] of experiment) {
    // An unknown value (a report written before the field existed) cannot disagree.
    const values = [...new Set(reports.map(pick))].filter((value) => value !== undefined);
    if (values.length > 1) {
      const shown = (value: unknown) => (typeof value === 'string' && key !== 'generator constraints' ? JSON.stringify(value) : String(value));
      const where = (value: unknown) => (options.sources ? ` in ${name(reports.findIndex((report) => pick(report) === value))}` : '');
      throw new ReportInputError(`mergeReports: cannot merge reports of different ${key} (${values.map((value) => shown(value) + where(value)).join(', ')})`);
    }
  }
  for (const [position, report] of reports.entries()) {
    if (report.shard?.runs === undefined) continue;
    const { start, end } = shardRange(report.shard.runs, report.shard);
    if (report.runs !== end - start) {
      throw new ReportInputError(`mergeReports: ${name(position)} says shard ${report.shard.index}/${report.shard.count} of ${report.shard.runs} runs but holds ${report.runs} (a shard of that run holds ${end - start})`);
    }
  }
  const whole = reports.findIndex((report) => !report.shard);
  if (whole >= 0 && reports.length > 1) {
    throw new ReportInputError(`mergeReports: ${name(whole)} is a whole run (not a shard): it overlaps every other report given`);
  }
  const counts = [...new Set(reports.flatMap((report) => (report.shard ? [report.shard.count] : [])))];
  if (counts.length > 1) throw new ReportInputError(`mergeReports: the shards slice the stream differently (into ${counts.join(' and ')}): merge shards of one run`);
  const seenAt = new Map<number, number>();
  for (const [position, report] of reports.entries()) {
    if (!report.shard) continue;
    const earlier = seenAt.get(report.shard.index);
    if (earlier !== undefined) {
      const where = options.sources ? ` (${name(earlier)} and ${name(position)})` : '';
      throw new ReportInputError(`mergeReports: shard ${report.shard.index} appears twice${where}`);
    }
    seenAt.set(report.shard.index, position);
  }
  const count = counts[0];
  const missing = count === undefined ? [] : Array.from({ length: count }, (_, k) => k + 1).filter((index) => !seenAt.has(index));
  if (missing.length > 0 && !options.allowPartial) {
    throw new ReportInputError(
      `mergeReports: incomplete run: shard${missing.length === 1 ? '' : 's'} ${missing.map((index) => `${index}/${count}`).join(', ')} missing (give every shard's report, or --allow-partial to merge these anyway)`,
    );
  }

  // Shard order, so the result does not depend on the order the files were listed in.
  const ordered = [...reports].sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const runs = sum(ordered, (report) => report.runs);
  const durationMs = sum(ordered, (report) => report.durationMs);
  const commands = [...new Set(ordered.map((report) => report.command))];
  const merged: CheckReport = {
    ...first,
    command: commands.join('\n'),
    runs,
    differences: sum(ordered, (report) => report.differences),
    startedAt: ordered.map((report) => report.startedAt).sort()[0],
    durationMs,
    programsPerSecond: durationMs > 0 ? runs / (durationMs / 1000) : 0,
    outcomes: mergeOutcomes(ordered.map((report) => report.outcomes)),
    buckets: mergeBuckets(ordered.flatMap((report) => report.buckets)),
  };
  delete merged.shard;
  delete merged.shrink;
  delete merged.partial;
  delete merged.ignored;
  const ignored: Record<string, number> = {};
  for (const report of ordered) for (const [name, n] of Object.entries(report.ignored ?? {})) ignored[name] = (ignored[name] ?? 0) + n;
  if (Object.keys(ignored).length > 0) merged.ignored = ignored;
  const shrink = mergeShrink(ordered);
  if (shrink) merged.shrink = shrink;
  if (missing.length > 0 && count !== undefined) merged.partial = { count, missing };
  return merged;
}

/** JSON with sorted keys: the same constraints written in another order are the same experiment. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * Shrink statistics over every shard: counts and totals summed; the median of all the
 * differences' times when every shard kept them (`timesMs`), else the count-weighted median
 * of the shards' medians (reports written before `timesMs` existed).
 */
function mergeShrink(reports: CheckReport[]): CheckReport['shrink'] {
  const stats = reports.flatMap((report) => (report.shrink ? [report.shrink] : []));
  if (stats.length === 0) return undefined;
  const count = sum(stats, (s) => s.count);
  const totalMs = sum(stats, (s) => s.totalMs);
  if (stats.every((s) => Array.isArray(s.timesMs))) {
    const times = stats.flatMap((s) => s.timesMs as number[]).sort((a, b) => a - b);
    return { count, medianMs: median(times), totalMs, timesMs: times };
  }
  const weighted = [...stats].sort((a, b) => a.medianMs - b.medianMs);
  let seen = 0;
  const middle = weighted.find((s) => (seen += s.count) * 2 >= count) ?? weighted[weighted.length - 1];
  return { count, medianMs: middle.medianMs, totalMs };
}

function median(sorted: number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mergeOutcomes(all: Outcomes[]): Outcomes {
  const total: Outcomes = { same: 0, differs: 0, oracleCrash: 0, portCrash: 0, timeout: 0, generatorBug: 0 };
  for (const outcomes of all) {
    for (const key of Object.keys(total) as Array<keyof Outcomes>) total[key] += outcomes[key] ?? 0;
  }
  return total;
}
function mergeBuckets(all: Bucket[]): Bucket[] {
  const byName = new Map<string, Bucket>();
  for (const bucket of all) {
    const seen = byName.get(bucket.name);
    if (!seen) {
      byName.set(bucket.name, { ...bucket });
      continue;
    }
    seen.count += bucket.count;
    if (isSmaller(bucket.example, seen.example)) seen.example = bucket.example;
  }
  return [...byName.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Smaller by statements, then by trace length; a tie keeps the one already there. */
function isSmaller(candidate: Counterexample, current: Counterexample): boolean {
  if (candidate.size !== current.size) return candidate.size < current.size;
  return traceLength(candidate) < traceLength(current);
}

function traceLength(example: Counterexample): number {
  return example.expected.length + example.actual.length;
}

function sum<T>(items: T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}
