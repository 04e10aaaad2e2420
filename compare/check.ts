/**
 * The differential driver behind `check`: a seeded stream of generated programs, each run on
 * CPython (the oracle, in parallel workers) and on the side under test (one at a time), judged,
 * and every difference shrunk, re-verified and sorted into a bucket.
 *
 * Data flows one way: generators -> (oracle | side) -> verdict -> buckets -> CheckReport.
 */
import type { Budget, ClockModel, Program, RunResult } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { replayProgram, samplePrograms, withHeader, type ProgramConstraints } from '../generators/index.ts';
import type { Oracle } from '../oracle/pool.ts';
import type { CheckReport } from '../reports/model.ts';
import { classify, bucketsFrom, type Finding } from './buckets.ts';
import { shrinkCounterexample } from './shrink.ts';
import { runOnOracle, type Side } from './sides.ts';
import { emptyCounts, isFailure, judge, type SideResult } from './verdict.ts';
import { shardRange, type Shard } from './shard.ts';

export const TOOL_VERSION = '0.1.0';

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
  onProgress?: (progress: { done: number; total: number; differences: number; phase: 'run' | 'shrink' }) => void;
}

interface Pending {
  index: number;
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
  const { oracle, side, seed, constraints } = options;

  const programs = options.path
    ? [{ path: options.path, program: withHeader(replayProgram({ seed, path: options.path, constraints }), { seed, path: options.path, constraints }) }]
    : streamSlice(seed, options.runs, constraints, options.shard);

  const counts = emptyCounts();
  const pending: Pending[] = [];
  // Every oracle request goes out at once: the pool pipelines them over its workers while the
  // side runs programs one by one here.
  const expectedRuns = programs.map(({ program }) => runOnOracle(oracle, program, runOptions));
  for (const [i, { path, program }] of programs.entries()) {
    const actual = await side.run(program, runOptions);
    const expected = await expectedRuns[i];
    const { verdict } = judge(expected, actual, { times: side.comparesTime });
    counts[verdict]++;
    if (verdict === 'differs') {
      pending.push({ index: i, path, program, expected: expected as RunResult, actual: actual as RunResult });
    }
    options.onProgress?.({ done: i + 1, total: programs.length, differences: counts.differs, phase: 'run' });
  }

  const findings: Finding[] = [];
  for (const [done, found] of pending.entries()) {
    findings.push(await minimise(found, options, runOptions));
    options.onProgress?.({ done: done + 1, total: pending.length, differences: counts.differs, phase: 'shrink' });
  }

  const durationMs = performance.now() - started;
  return {
    schema: 1,
    tool: { name: 'asyncio-conformance', version: TOOL_VERSION },
    command: options.command ?? '',
    target: side.name,
    clock: options.clock,
    seed,
    runs: programs.length,
    differences: counts.differs,
    python: oracle.info,
    startedAt,
    durationMs,
    programsPerSecond: programs.length / (durationMs / 1000),
    ...(options.shard ? { shard: options.shard } : {}),
    outcomes: counts,
    buckets: await bucketsFrom(findings),
  };
}

function streamSlice(seed: number, runs: number, constraints: ProgramConstraints | undefined, shard?: Shard) {
  const { start, end } = shardRange(runs, shard);
  const programs = samplePrograms({ seed, count: end - start, offset: start, constraints });
  return programs.map((program, k) => {
    const path = String(start + k);
    return { path, program: withHeader(program, { seed, path, constraints }) };
  });
}

/**
 * Shrinks one difference, keeping only candidates that still terminate on CPython, still
 * differ, and still fall in the same bucket: a shrink never trades one cause for another.
 * The shrunk program is then run once more on both sides and judged again.
 */
async function minimise(found: Pending, options: CheckOptions, runOptions: { clock: ClockModel; budget: Budget }): Promise<Finding> {
  const { oracle, side, seed, constraints } = options;
  const bucket = classify(found.program, found.expected, found.actual);
  const original: Finding = { bucket, seed, path: found.path, program: found.program, expected: found.expected, actual: found.actual, shrinkSteps: 0, shrinkMillis: 0, originalProgram: found.program, side, clock: options.clock };
  if (options.shrink === false) return original;

  const stillFails = async (candidate: Program): Promise<boolean> => {
    const verdict = await judgeBoth(oracle, side, candidate, runOptions);
    return verdict !== undefined && classify(candidate, verdict.expected, verdict.actual) === bucket;
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

