/**
 * One user program through CPython and the side under test, judged and made into a report: the
 * logic of `compare FILE.py`, shared by the command (cli/commands/compare.ts) and the library
 * (lib/index.ts `compare`). It prints nothing; the caller says what it found.
 */
import type { ClockModel, Program } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import type { Oracle } from '../oracle/oracles.ts';
import type { CheckReport } from '../reports/model.ts';
import { bucketsFrom } from './buckets.ts';
import { bucketOf } from './causes.ts';
import { TOOL_VERSION } from './check.ts';
import { runOnOracle, type Side } from './sides.ts';
import { isTimingSensitive } from './timing.ts';
import { emptyCounts, isFailure, judgeUserProgram, type SideResult, type Verdict } from './verdict.ts';

export interface CompareProgramOptions {
  oracle: Oracle;
  /** CPython's wall-clock limit of the run (retried once with 4x); default the oracle's 5 s. */
  oracleWallclockMs?: number;
  /** The side under test as the registry opened it for one user program (targets/index.ts `isolate`: port and native in a child process with a wall clock). */
  side: Side;
  program: Program;
  /** `printPython(program)`, shown in the report. */
  source: string;
  clock: ClockModel;
  /** The command line (or the library call) the report names. */
  command: string;
  /** The one-line command that reproduces the finding. */
  replay: string;
  started?: number;
}

export interface ComparedProgram {
  verdict: Verdict;
  expected: SideResult;
  actual: SideResult;
  /** Whether CPython's order here depends on clock ties (compare/timing.ts). */
  timingSensitive: boolean;
  /** Undefined when CPython could not run the program (expected is a failure). */
  report?: CheckReport;
}

/** Runs the program on both sides and judges it. */
export async function compareProgram(options: CompareProgramOptions): Promise<ComparedProgram> {
  const { oracle, side, program, source, clock, replay } = options;
  const started = options.started ?? performance.now();
  const runOptions = { clock, budget: DEFAULT_BUDGET };
  const [expected, actual] = await Promise.all([runOnOracle(oracle, program, runOptions, options.oracleWallclockMs), side.run(program, runOptions)]);
  if (isFailure(expected)) return { verdict: 'oracleCrash', expected, actual, timingSensitive: false };
  const timingSensitive = await isTimingSensitive(oracle, program, runOptions, expected);
  // A user's program may raise or deadlock on purpose: only "same on both sides or not" counts
  // here, except a wall-clock stop on either side, which is a timeout (never "agree").
  const { verdict } = judgeUserProgram(expected, actual, { times: side.comparesTime });
  const counts = { ...emptyCounts(), [verdict]: 1 };
  const findings =
    verdict === 'differs' && !isFailure(actual)
      ? [{ bucket: await bucketOf(side, program, expected, actual, runOptions), seed: 0, path: '0', program, originalProgram: program, expected, actual, shrinkSteps: 0, shrinkMillis: 0, side, clock, source, replay }]
      : [];
  const durationMs = performance.now() - started;
  const report: CheckReport = {
    schema: 1,
    tool: { name: 'asyncio-conformance', version: TOOL_VERSION },
    command: options.command,
    target: side.name,
    clock,
    seed: 0,
    runs: 1,
    differences: counts.differs,
    python: oracle.info,
    startedAt: new Date().toISOString(),
    durationMs,
    programsPerSecond: 1000 / durationMs,
    outcomes: counts,
    buckets: await bucketsFrom(findings),
  };
  return { verdict, expected, actual, timingSensitive, report };
}
