/**
 * The library: `import { check, compare, run, generate } from 'asyncio-conformance'`.
 *
 * Thin, typed wrappers over what the CLI's commands call (compare/check.ts `runCheck`,
 * compare/compare-program.ts, compare/sides.ts, generators/), so a script or a test runner gets
 * the commands' results as values: a `check` or `compare` returns the JSON report's
 * `CheckReport` (reports/model.ts), exactly what `--json` writes. Each call starts the oracle it
 * needs and stops it before returning, unless it is handed a running one (`oracle: Oracle`),
 * which it leaves running: the caller owns what it started.
 */
import { availableParallelism } from 'node:os';
import { runCheck } from '../compare/check.ts';
import { compareProgram, type ComparedProgram } from '../compare/compare-program.ts';
import { isLocalSide, runOnOracle, type Side, type SideName } from '../compare/sides.ts';
import type { SideResult } from '../compare/verdict.ts';
import { withTarget } from '../targets/index.ts';
import { loadPythonFile, mainScriptPath } from '../cli/load-program.ts';
import { withOracle } from '../cli/oracle.ts';
import { randomSeed } from '../cli/options.ts';
import { samplePrograms, withHeader, type ProgramConstraints } from '../generators/index.ts';
import type { ClockModel, Program } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/oracles.ts';
import { DEFAULT_WALLCLOCK_MS } from '../oracle/pool.ts';
import type { PythonVersion } from '../port/version.ts';
import type { CheckReport } from '../reports/model.ts';

export type { CheckReport, Bucket, Counterexample, Outcomes } from '../reports/model.ts';
export type { ClockModel, Outcome, Program, RunResult, TraceEntry } from '../ir/program.ts';
export type { ProgramConstraints, ProgramFeatures } from '../generators/index.ts';
export type { Oracle } from '../oracle/oracles.ts';
export type { SideResult, SideFailure, Verdict } from '../compare/verdict.ts';
export type { RunOptions as TargetRunOptions } from '../compare/sides.ts';
export type { PythonVersion } from '../port/version.ts';
export { startOracle } from '../oracle/oracles.ts';
export { isFailure } from '../compare/verdict.ts';
export type { AdapterInput, AdapterResult, AdapterTraceLine, TargetAdapterModule } from './adapter.ts';
export { ADAPTER_INTERFACE_VERSION, defineAdapter } from './adapter.ts';
export { TargetLoadError } from '../targets/index.ts';

/**
 * What is compared with CPython, in this process. The interface every target implements (the built-in `port`
 * and `native` sides and a second oracle do): it receives the program (IR; `printPython`
 * gives its Python source) with the clock model and budget, and returns the trace (printed
 * lines with virtual times, tasks and loop iterations where it knows them) and the outcome, or
 * a `{ failure }` when it could not run it. It never throws. `comparesTime: false` compares
 * only the printed text and its order. A port written outside this repository is better
 * written as an adapter module (TargetAdapterModule, lib/adapter.ts) and passed by path: it
 * then runs in a child process of its own, where a throw, a hang or garbage is a verdict.
 */
export type TargetAdapter = Side;

/** A target by name (targets/index.ts): `port`, `native`, a bundled port, a path to an adapter module (`./adapter.mjs`), or an oracle name (oracle against oracle). */
export type TargetName = SideName | (string & {});

/** Which CPython is the oracle: a running one (left running), or what `startOracle` starts. */
export interface OracleOptions {
  /** A running oracle (`startOracle()`), or an oracle name: `system` (default), `cpython-3.12` ... (see the README). */
  oracle?: Oracle | string;
  /** The interpreter of the `system` oracle (default: $ASYNCIO_CONFORMANCE_PYTHON, else python3). */
  python?: string;
  /** Oracle worker processes (check's default: one fewer than cores, at least one). */
  workers?: number;
  /** The CPython version the port reproduces (default: the oracle's). */
  pythonVersion?: PythonVersion;
}

export interface CheckOptions extends OracleOptions {
  /** How many generated programs (default 100). */
  runs?: number;
  /** fast-check seed (default: random; the report holds it). */
  seed?: number;
  /** Replay one program of the seed's stream (a report's `replay` path). */
  path?: string;
  /** `port` (default), `native`, an adapter module's path, an oracle name, or an in-process Side. */
  target?: TargetName | TargetAdapter;
  /** Wall-clock milliseconds one program may take on an adapter module (default 5000, retried once with 4x). */
  targetWallclockMs?: number;
  clock?: ClockModel;
  constraints?: ProgramConstraints;
  /** Shrink each difference (default true). */
  shrink?: boolean;
  /** Known causes to leave out (bucket names): counted in the report's `ignored`, not shrunk. */
  ignoreBuckets?: readonly string[];
  onProgress?: (progress: { done: number; total: number; differences: number; phase: 'run' | 'shrink' }) => void;
}

/** `check` as a function: generated programs on CPython and the target, every difference shrunk and bucketed. */
export async function check(options: CheckOptions = {}): Promise<CheckReport> {
  const seed = options.seed ?? randomSeed();
  const target = options.target ?? 'port';
  const workers = options.workers ?? Math.max(1, availableParallelism() - 1);
  return usingOracle({ ...options, workers }, (oracle) => {
    const go = (side: Side) =>
      runCheck({
        runs: options.runs ?? 100,
        seed,
        path: options.path,
        clock: options.clock ?? 'realistic',
        side,
        oracle,
        constraints: options.constraints,
        shrink: options.shrink,
        ignoreBuckets: options.ignoreBuckets,
        command: `check({ seed: ${seed}${options.path ? `, path: '${options.path}'` : ''} })`,
        onProgress: options.onProgress,
      });
    return typeof target === 'string' ? withTarget(target, go, { wallclockMs: options.targetWallclockMs }) : go(target);
  });
}

/** A program to run or compare: a `.py` file, Python source, or the IR itself. */
export type ProgramInput = { file: string } | { source: string; filename?: string } | { program: Program };

export type CompareOptions = OracleOptions & ProgramInput & { target?: TargetName; clock?: ClockModel };

export type CompareResult = ComparedProgram;

/** `compare FILE.py` as a function: one program on CPython and the port (or native), judged; `report` is what `--json` writes. */
export async function compare(options: CompareOptions): Promise<CompareResult> {
  const started = performance.now();
  const clock = options.clock ?? 'realistic';
  return usingOracle({ ...options, workers: options.workers ?? 1 }, async (oracle) => {
    const program = await programOf(options, oracle);
    return withTarget(
      options.target ?? 'port',
      (side) => {
        const replay = 'file' in options ? `npx asyncio-conformance compare ${options.file} --target ${side.name}${clock === 'ideal' ? ' --clock ideal' : ''}` : '';
        return compareProgram({ oracle, side, program, source: printPython(program), clock, command: 'compare()', replay, started });
      },
      { isolate: true },
    );
  });
}

export type RunProgramOptions = OracleOptions & ProgramInput & { target?: 'cpython' | TargetName | TargetAdapter; clock?: ClockModel };

/**
 * `run FILE.py` as a function: one program on one target. CPython runs in the oracle; `port` and
 * `native` in a child process with a wall-clock budget, as the command runs them; an adapter
 * module in its own child process; an in-process Side in this process.
 */
export async function run(options: RunProgramOptions): Promise<SideResult> {
  const target = options.target ?? 'cpython';
  const runOptions = { clock: options.clock ?? 'realistic', budget: DEFAULT_BUDGET };
  return usingOracle({ ...options, workers: options.workers ?? 1 }, async (oracle) => {
    const program = await programOf(options, oracle);
    if (target === 'cpython') return runOnOracle(oracle, program, runOptions);
    if (typeof target === 'string') return withTarget(target, (side) => side.run(program, runOptions), { wallclockMs: DEFAULT_WALLCLOCK_MS, isolate: true });
    return target.run(program, runOptions);
  });
}

export interface GenerateOptions {
  count?: number;
  seed?: number;
  /** Index of the first program in the seed's stream (default 0). */
  offset?: number;
  constraints?: ProgramConstraints;
}

export interface GeneratedProgram {
  /** Its fast-check path: with the seed, what `check --seed S --path P` replays. */
  path: string;
  program: Program;
  /** The Python source, with the header that replays it (what `generate` writes). */
  python: string;
}

/** `generate` as a function: random, valid, terminating asyncio programs (no oracle needed). */
export function generate(options: GenerateOptions = {}): { seed: number; programs: GeneratedProgram[] } {
  const seed = options.seed ?? randomSeed();
  const { constraints, offset = 0 } = options;
  const sampled = samplePrograms({ seed, count: options.count ?? 10, offset, constraints });
  const programs = sampled.map((p, k) => {
    const path = String(offset + k);
    const program = withHeader(p, { seed, path, constraints });
    return { path, program, python: printPython(program) };
  });
  return { seed, programs };
}

/** Whether a name is a side that runs in this process (`port`, `native`) rather than an oracle. */
export function isBuiltinSide(name: string): name is SideName {
  return isLocalSide(name);
}

async function usingOracle<T>(options: OracleOptions, use: (oracle: Oracle) => Promise<T>): Promise<T> {
  if (typeof options.oracle === 'object') return use(options.oracle);
  return withOracle({ oracle: options.oracle, python: options.python, workers: options.workers, pythonVersion: options.pythonVersion }, use);
}

async function programOf(input: ProgramInput, oracle: Oracle): Promise<Program> {
  if ('program' in input) return input.program;
  if ('file' in input) return (await loadPythonFile(input.file, oracle)).program;
  const filename = input.filename ?? 'program.py';
  const imported = await importPythonSource(input.source, filename, oracle);
  return { ...imported, header: { generator: 'asyncio-conformance', ...imported.header, source: mainScriptPath(filename) } };
}
