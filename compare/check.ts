/**
 * The differential driver behind `check`: a seeded stream of generated programs, each run on
 * CPython (the oracle, in parallel workers) and on the side under test (one at a time), judged,
 * and every difference shrunk, re-verified and sorted into a bucket.
 *
 * Data flows one way: generators -> (oracle | side) -> verdict -> buckets -> CheckReport.
 */
import os from 'node:os';
import type { Budget, ClockModel, Program, RunResult } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { replayProgram, streamPrograms, withHeader, type ProgramConstraints } from '../generators/index.ts';
import type { Oracle } from '../oracle/oracles.ts';
import type { CheckReport } from '../reports/model.ts';
import { bucketsFrom, type Finding } from './buckets.ts';
import { bucketOf, stillInBucket } from './causes.ts';
import { shrinkCounterexample } from './shrink.ts';
import { PortPool } from './port-pool.ts';
import { runOnOracle, type Side } from './sides.ts';
import { emptyCounts, isFailure, judge, type SideResult } from './verdict.ts';
import { shardRange, type Shard } from './shard.ts';
import { constraintsWithin } from '../targets/features.ts';
import { featuresUnportedAt, pythonVersion } from '../port/version.ts';

import { TOOL_VERSION } from './version.ts';

export { TOOL_VERSION };

/** `--path` names no program of the seed's stream (a shrink step past the last one): bad input, exit 2. */
export class ReplayPathError extends Error {
  override readonly name = 'ReplayPathError';
}

export interface CheckOptions {
  runs: number;
  seed: number;
  clock: ClockModel;
  side: Side;
  oracle: Oracle;
  constraints?: ProgramConstraints;
  shard?: Shard;
  /** Replay just the program at this fast-check path. */
  path?: string;
  budget?: Budget;
  /** Shrink each difference (default true). */
  shrink?: boolean;
  command?: string;
  /**
   * Worker threads running the side (compare/port-pool.ts), so the side's throughput grows with
   * cores. Default: one per core left free by the oracle's workers and this thread (which
   * generates and judges), when the side is the stock port or native side and the run has at
   * least SIDE_THREADS_MIN_RUNS programs; 0: on the main thread. Measured on 2 cores with one
   * oracle worker (npm run bench), a thread there only competes with them: slower, so not the
   * default. Shrinking always runs on the main thread.
   */
  sideThreads?: number;
  /**
   * Buckets whose differences are counted (`ignored`) but neither shrunk nor reported: known
   * causes left out so that the rare ones surface (`check --ignore-bucket NAME`).
   */
  ignoreBuckets?: readonly string[];
  onProgress?: (progress: { done: number; total: number; differences: number; phase: 'run' | 'shrink' }) => void;
}

/** Only programs inside what the target supports (an adapter's `features`) and the oracle can judge. */
function withinBoth(options: CheckOptions): ProgramConstraints | undefined {
  const forSide = constraintsWithin(options.constraints, options.side.features, options.side.name);
  const version = pythonVersion();
  const forVersion = options.side.name === 'port' ? constraintsWithin(forSide, featuresUnportedAt(version), `port at Python ${version}`) : forSide;
  return constraintsWithin(forVersion, options.oracle.features, 'the oracle');
}

interface Pending {
  index: number;
  bucket: string;
  path: string;
  program: Program;
  expected: RunResult;
  actual: RunResult;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const budget = options.budget ?? DEFAULT_BUDGET;
  const runOptions = { clock: options.clock, budget };
  const { oracle, side, seed } = options;
  // Only programs inside what the target supports (an adapter's `features`).
  const constraints = withinBoth(options);

  const programs = options.path
    ? [{ path: options.path, program: withHeader(replayAt(seed, options.path, constraints), { seed, path: options.path, constraints }) }]
    : programStream(seed, options.runs, constraints, options.shard);
  const total = options.path ? 1 : runsIn(options.runs, options.shard);

  const counts = emptyCounts();
  const pending: Pending[] = [];
  // Every difference is classified and counted; at most SHRINK_PER_BUCKET of each cause are
  // kept and shrunk (the smallest of them is the bucket's example), so time and memory stay
  // bounded when one cause is most of the run.
  const bucketCounts = new Map<string, number>();
  const ignored = new Set(options.ignoreBuckets ?? []);
  const keep = async (found: Omit<Pending, 'bucket'>): Promise<void> => {
    // A crash keeps its rule bucket (side-crash); a difference on a side with switches is named by counterfactual (causes.ts).
    const bucket = await bucketOf(side, found.program, found.expected, found.actual, runOptions);
    const seen = bucketCounts.get(bucket) ?? 0;
    bucketCounts.set(bucket, seen + 1);
    if (!ignored.has(bucket) && seen < SHRINK_PER_BUCKET) pending.push({ ...found, bucket });
  };
  // Pipelined: the oracle is LOOKAHEAD programs ahead of the side, so its workers compute
  // while this thread generates, transpiles and runs the port (the bottleneck); programs are
  // generated one at a time (programStream), so the workers start at once instead of after all of them.
  // With side threads (CheckOptions.sideThreads) the side's runs are sent at the same time, and
  // this thread only generates, judges and awaits the results in order.
  const window: Array<{ path: string; program: Program; expected: Promise<SideResult>; actual?: Promise<SideResult> }> = [];
  const threads = options.path ? 0 : sideThreadsFor(options, total);
  const pool = threads > 0 && side.threadable ? new PortPool(threads, side.threadable) : undefined;
  const source = programs[Symbol.iterator]();
  const refill = () => {
    // In batches (the pool sends each batch as one write), not one request per program.
    if (window.length > LOOKAHEAD / 2) return;
    while (window.length < LOOKAHEAD) {
      const next = source.next();
      if (next.done) return;
      const { path, program } = next.value;
      window.push({ path, program, expected: runOnOracle(oracle, program, runOptions), actual: pool?.run(program, runOptions) });
    }
  };
  const progress = throttled(options.onProgress);
  try {
    for (let i = 0; ; i++) {
      refill();
      const item = window.shift();
      if (!item) break;
      const { path, program } = item;
      const actual = await (item.actual ?? side.run(program, runOptions));
      const expected = await item.expected;
      const { verdict } = judge(expected, actual, { times: side.comparesTime });
      counts[verdict]++;
      if (verdict === 'differs') {
        await keep({ index: i, path, program, expected: expected as RunResult, actual: actual as RunResult });
      } else if (verdict === 'portCrash' && isFailure(actual)) {
        // Kept as a finding (not shrunk): the crash message and a replay line are what a port author needs.
        const crashed: RunResult = { trace: [], outcome: { kind: 'crash', message: actual.failure }, endTime: 0, iterations: 0 };
        await keep({ index: i, path, program, expected: expected as RunResult, actual: crashed });
      }
      progress({ done: i + 1, total, differences: counts.differs, phase: 'run' }, i + 1 === total);
    }
  } finally {
    await pool?.close();
  }

  const findings: Finding[] = [];
  for (const [done, found] of pending.entries()) {
    findings.push(await minimise(found, options, runOptions));
    options.onProgress?.({ done: done + 1, total: pending.length, differences: counts.differs, phase: 'shrink' });
  }

  const durationMs = performance.now() - started;
  const ignoredCounts = [...bucketCounts].filter(([name]) => ignored.has(name));
  const ignoredTotal = ignoredCounts.reduce((sum, [name, n]) => sum + (name === 'side-crash' ? 0 : n), 0);
  return {
    schema: 1,
    tool: { name: 'asyncio-conformance', version: TOOL_VERSION },
    command: options.command ?? '',
    target: side.name,
    clock: options.clock,
    seed,
    runs: total,
    differences: counts.differs - ignoredTotal,
    python: oracle.info,
    startedAt,
    durationMs,
    programsPerSecond: total / (durationMs / 1000),
    ...(options.shard ? { shard: { ...options.shard, runs: options.runs } } : {}),
    ...(constraints ? { constraints: { ...constraints } as Record<string, unknown> } : {}),
    outcomes: counts,
    buckets: await bucketsFrom(findings, bucketCounts),
    ...(ignoredCounts.length > 0 ? { ignored: Object.fromEntries(ignoredCounts) } : {}),
    ...shrinkStats(findings),
  };
}

/** Differences of one cause shrunk at most (the rest are counted in the bucket). */
export const SHRINK_PER_BUCKET = 8;

/** A thread starts in about a second under tsx (less bundled): below this many programs the main thread is faster. */
export const SIDE_THREADS_MIN_RUNS = 1000;

/** How many threads run the side (CheckOptions.sideThreads). */
function sideThreadsFor(options: CheckOptions, total: number): number {
  if (options.sideThreads !== undefined) return options.sideThreads;
  const { side } = options;
  if (total < SIDE_THREADS_MIN_RUNS || side.threadable === undefined) return 0;
  return Math.max(0, os.availableParallelism() - options.oracle.size - 1);
}

/** Oracle requests sent ahead of the side: enough to keep every worker busy, bounded memory. */
const LOOKAHEAD = 256;
/** Progress reports at most this often (cli-progress costs ~30 µs a call, a tenth of a program). */
const PROGRESS_EVERY_MS = 100;

/** The program at `path`; fast-check's "Unable to replay" (a shrink step that does not exist) becomes a ReplayPathError. */
function replayAt(seed: number, path: string, constraints: ProgramConstraints | undefined): Program {
  try {
    return replayProgram({ seed, path, constraints });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/Unable to replay|nothing at path/.test(message)) throw error;
    throw new ReplayPathError(`--path ${path}: seed ${seed} has no program there (a shrink step past the last one); paths come from a report's replay line`);
  }
}

function runsIn(runs: number, shard?: Shard): number {
  const { start, end } = shardRange(runs, shard);
  return end - start;
}

/**
 * The programs of a run (or of its shard), made one at a time as the window asks for them
 * (generators/sample.ts streamPrograms): memory holds LOOKAHEAD programs whatever `--runs` is.
 * Same programs, same paths as one sample.
 */
function* programStream(seed: number, runs: number, constraints: ProgramConstraints | undefined, shard?: Shard) {
  const { start, end } = shardRange(runs, shard);
  const programs = streamPrograms({ seed, offset: start, constraints });
  for (let index = start; index < end; index++) {
    const path = String(index);
    yield { path, program: withHeader(programs.next().value, { seed, path, constraints }) };
  }
}

type Progress = Parameters<NonNullable<CheckOptions['onProgress']>>[0];

/** `onProgress`, called at most every PROGRESS_EVERY_MS, and always for the last one. */
function throttled(onProgress: CheckOptions['onProgress']): (progress: Progress, last: boolean) => void {
  let next = 0;
  return (progress, last) => {
    if (!onProgress) return;
    const now = performance.now();
    if (!last && now < next) return;
    next = now + PROGRESS_EVERY_MS;
    onProgress(progress);
  };
}

/**
 * Shrinks one difference, keeping only candidates that still terminate on CPython, still
 * differ, and still fall in the same bucket: a shrink never trades one cause for another.
 * The shrunk program is then run once more on both sides and judged again.
 */
async function minimise(found: Pending, options: CheckOptions, runOptions: { clock: ClockModel; budget: Budget }): Promise<Finding> {
  const { oracle, side, seed } = options;
  const constraints = withinBoth(options);
  const bucket = found.bucket;
  const original: Finding = { bucket, seed, path: found.path, program: found.program, expected: found.expected, actual: found.actual, shrinkSteps: 0, shrinkMillis: 0, originalProgram: found.program, side, clock: options.clock };
  if (options.shrink === false || found.actual.outcome.kind === 'crash') return original;

  const stillFails = async (candidate: Program): Promise<boolean> => {
    const verdict = await judgeBoth(oracle, side, candidate, runOptions);
    return verdict !== undefined && (await stillInBucket(side, bucket, candidate, verdict.expected, verdict.actual, runOptions));
  };
  const shrunk = await shrinkCounterexample(seed, found.path, constraints, stillFails);
  if (!shrunk) return original;
  const program = withHeader(shrunk.program, { seed, path: shrunk.path, constraints });
  const again = await judgeBoth(oracle, side, program, runOptions);
  if (!again) return original; // not reproducible after shrinking: keep the original, which was verified
  return { ...original, path: shrunk.path, program, expected: again.expected, actual: again.actual, shrinkSteps: shrunk.shrinkSteps, shrinkMillis: shrunk.millis };
}

/** Both sides' runs when the program terminates cleanly on CPython and the traces differ. */
async function judgeBoth(oracle: Oracle, side: Side, program: Program, runOptions: { clock: ClockModel; budget: Budget }) {
  const [expected, actual]: SideResult[] = await Promise.all([
    runOnOracle(oracle, program, runOptions),
    side.run(program, runOptions),
  ]);
  if (isFailure(expected) || isFailure(actual)) return undefined;
  return judge(expected, actual, { times: side.comparesTime }).verdict === 'differs' ? { expected, actual } : undefined;
}


function shrinkStats(findings: Finding[]): Pick<CheckReport, 'shrink'> {
  const times = findings.filter((f) => f.shrinkSteps > 0).map((f) => f.shrinkMillis).sort((a, b) => a - b);
  if (times.length === 0) return {};
  const middle = times.length >> 1;
  const medianMs = times.length % 2 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  return { shrink: { count: times.length, medianMs, totalMs: times.reduce((a, b) => a + b, 0), timesMs: times } };
}
