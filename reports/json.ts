/**
 * The JSON reporter: the full `CheckReport` on disk, the short shape CI and issues quote,
 * reading a stored report back, and merging the reports of a sharded run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Bucket, CheckReport, Counterexample, Outcomes } from './model.ts';
import { REPORT_SCHEMA } from './model.ts';

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
  await mkdir(dirname(file), { recursive: true });
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

/** Reads a report written by `writeJsonReport`; throws naming the file if it is not one. */
export async function readJsonReport(file: string): Promise<CheckReport> {
  const text = await readFile(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`readJsonReport: ${file} is not JSON (${(error as Error).message})`);
  }
  return validateReport(data, file);
}

/** Checks the schema version and the fields every reporter relies on. */
export function validateReport(data: unknown, source = 'report'): CheckReport {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`readJsonReport: ${source} is not a CheckReport (expected an object)`);
  }
  const record = data as Record<string, unknown>;
  if (record.schema !== REPORT_SCHEMA) {
    throw new Error(
      `readJsonReport: ${source} has schema ${JSON.stringify(record.schema)}, this version reads schema ${REPORT_SCHEMA} only`,
    );
  }
  const tool = record.tool as Record<string, unknown> | undefined;
  if (tool?.name !== 'asyncio-conformance') {
    throw new Error(`readJsonReport: ${source} was not written by asyncio-conformance (tool.name is ${JSON.stringify(tool?.name)})`);
  }
  for (const key of ['runs', 'differences', 'seed', 'durationMs'] as const) {
    if (typeof record[key] !== 'number') throw new Error(`readJsonReport: ${source} has no numeric "${key}"`);
  }
  if (!Array.isArray(record.buckets)) throw new Error(`readJsonReport: ${source} has no "buckets" array`);
  if (typeof record.outcomes !== 'object' || record.outcomes === null) {
    throw new Error(`readJsonReport: ${source} has no "outcomes" object`);
  }
  return data as CheckReport;
}

/**
 * Merges the reports of one sharded run into one report. Counts and durations are summed
 * (so `durationMs` is total work, and `programsPerSecond` is runs per second of that work),
 * buckets are merged by name keeping the smaller example. Refuses reports of different
 * target, clock or seed (they are different experiments), and the same shard twice.
 */
export function mergeReports(reports: CheckReport[]): CheckReport {
  if (reports.length === 0) throw new Error('mergeReports: no reports to merge');
  const [first] = reports;
  for (const key of ['target', 'clock', 'seed'] as const) {
    const values = [...new Set(reports.map((report) => report[key]))];
    if (values.length > 1) {
      throw new Error(`mergeReports: cannot merge reports of different ${key} (${values.map((v) => JSON.stringify(v)).join(', ')})`);
    }
  }
  const shardIndexes = reports.flatMap((report) => (report.shard ? [report.shard.index] : []));
  const repeated = shardIndexes.find((index, position) => shardIndexes.indexOf(index) !== position);
  if (repeated !== undefined) throw new Error(`mergeReports: shard ${repeated} appears twice`);

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
  return merged;
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
