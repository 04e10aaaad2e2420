/**
 * Oracles by name. Every one runs the same worker code (`oracle/python/worker.py`) on stock
 * asyncio with only the clock virtual; they differ in the Python behind it:
 *
 * | name | Python |
 * |---|---|
 * | `system` (default) | `--python PATH`, else `$ASYNCIO_CONFORMANCE_PYTHON`, else `python3`; with none usable, the embedded default |
 * | `cpython-3.12` ... `cpython-3.15` | CPython in WebAssembly from npm (Pyodide), in worker threads |
 * | `cpython-3.X` (other) | `python3.X` on PATH, else `python3` when it is 3.X |
 * | `pypy` | `pypy3` on PATH (PyPy 3.9: no `Runner`, `timeout`, `TaskGroup`) |
 * | a path (contains `/`) | that interpreter |
 * | any of them + `/py-task` | the same interpreter with `_asyncio` blocked: the pure-Python Task and Future |
 */
import { fileURLToPath } from 'node:url';
import type { Program, RunResult } from '../ir/program.ts';
import type { ProgramFeatures } from '../generators/_internals/constraints.ts';
import { DEFAULT_EMBEDDED, EMBEDDED_BUILDS, embeddedBuild, type EmbeddedBuild } from './embedded/builds.ts';
import type { OracleInfo, RunOptions } from './pool.ts';
import type { PythonInfo } from './find-python.ts';
// The rest loads when an oracle starts: parsing a name (every CLI start) stays cheap.

/** What every oracle offers, process pool or embedded threads; compare/ and cli/ type with it. */
export interface Oracle {
  /** The interpreter behind it, as reports print it. */
  readonly info: OracleInfo;
  /** Workers (processes or threads) running programs in parallel. */
  readonly size: number;
  /** Runs Python source on stock asyncio with a virtual clock; rejects with ProgramInputError. */
  run(source: string, opts?: RunOptions): Promise<RunResult>;
  /** Like `run`, plus the number of `loop.time()` reads the run made. */
  runCountingClockReads(source: string, opts?: RunOptions): Promise<{ result: RunResult; clockReads: number }>;
  /** Reads a `.py` source into the IR (never runs it); rejects with ProgramInputError. */
  importSource(source: string, filename: string): Promise<Program>;
  /** Lets every worker finish what it was sent, then ends it. */
  close(): Promise<void>;
  /**
   * Generated constructs this oracle cannot judge (`check` leaves them out on either side):
   * a 32-bit build (Pyodide's wasm32) hashes a str to 32 bits, so a printed set of strs comes
   * out in another order than a 64-bit CPython's or the port's, whatever the version.
   */
  readonly features?: Partial<ProgramFeatures>;
}

export const PY_TASK_SUFFIX = '/py-task';
/** Start worker.py on PyPy (missing gc knobs stubbed), and with `_asyncio` blocked. */
const COMPAT_LAUNCHER = fileURLToPath(new URL('./embedded/launch_worker.py', import.meta.url));
const PY_TASK_LAUNCHER = fileURLToPath(new URL('./embedded/launch_py_task_worker.py', import.meta.url));

/** A parsed oracle name: where the interpreter comes from, and which Task it runs. */
export type OracleSpec =
  | { kind: 'system'; pythonTasks: boolean }
  | { kind: 'embedded'; build: EmbeddedBuild; pythonTasks: boolean }
  | { kind: 'versioned'; version: string; pythonTasks: boolean }
  | { kind: 'pypy'; pythonTasks: boolean }
  | { kind: 'path'; path: string; pythonTasks: boolean };

export const ORACLE_NAMES_HELP =
  `system (default), ${EMBEDDED_BUILDS.map((b) => b.name).join(', ')} (embedded), cpython-3.X (python3.X on PATH), ` +
  `pypy, or a path to an interpreter; add ${PY_TASK_SUFFIX} for the pure-Python Task and Future`;

/** Reads an `--oracle` value; throws an Error that says what is accepted. */
export function parseOracleName(name: string): OracleSpec {
  const pythonTasks = name.endsWith(PY_TASK_SUFFIX) && name !== PY_TASK_SUFFIX;
  const base = pythonTasks ? name.slice(0, -PY_TASK_SUFFIX.length) : name;
  if (base === 'system') return { kind: 'system', pythonTasks };
  if (base === 'pypy') return { kind: 'pypy', pythonTasks };
  const build = embeddedBuild(base);
  if (build) return { kind: 'embedded', build, pythonTasks };
  const versioned = /^cpython-(3\.\d+)$/.exec(base);
  if (versioned) return { kind: 'versioned', version: versioned[1], pythonTasks };
  const variantOfName = /^(system|pypy|cpython-\d+\.\d+)\//.test(base); // `system/c-task`: a typo, not a path
  if (!variantOfName && (base.includes('/') || base.includes('\\'))) return { kind: 'path', path: base, pythonTasks };
  throw new Error(`unknown oracle "${name}": expected ${ORACLE_NAMES_HELP}`);
}

export interface StartOracleOptions {
  /** An oracle name (parseOracleName); default `system`. */
  oracle?: string;
  /**
   * The interpreter of `system` (`--python PATH`, or the environment variable as the command
   * read it). Other names ignore it: the CLI refuses `--oracle` together with `--python`.
   */
  python?: string;
  workers?: number;
  killGraceMs?: number;
  /** Where the one-line note about an embedded fallback goes; default stderr. */
  note?: (line: string) => void;
}

let fallbackNoted = false;

/** Starts the oracle a command asked for (see the table above). */
export async function startOracle(opts: StartOracleOptions = {}): Promise<Oracle> {
  const spec = parseOracleName(opts.oracle ?? 'system');
  const { workers, killGraceMs } = opts;
  const { pythonTasks } = spec;
  switch (spec.kind) {
    case 'embedded':
      return startEmbedded(spec.build, pythonTasks, workers, killGraceMs);
    case 'system': {
      const { guessPython, UnusablePython, PYTHON_ENV_VAR } = await import('./find-python.ts');
      if (opts.python ?? process.env[PYTHON_ENV_VAR]) return startProcesses(opts.python, pythonTasks, false, workers, killGraceMs);
      // python3 on PATH, else the embedded CPython, with a note.
      let why: string;
      try {
        await guessPython({});
        return await startProcesses(undefined, pythonTasks, false, workers, killGraceMs);
      } catch (error) {
        if (!(error instanceof UnusablePython)) throw error;
        why = whyUnusable(error.message);
      }
      if (!fallbackNoted) {
        fallbackNoted = true;
        (opts.note ?? ((line) => process.stderr.write(`${line}\n`)))(
          `asyncio-conformance: no usable python3 (${why}): running the embedded CPython ` +
            `${DEFAULT_EMBEDDED.python} instead (--oracle ${DEFAULT_EMBEDDED.name}). The port is 3.11's: ` +
            'where 3.12 changed asyncio, differences show.',
        );
      }
      return startEmbedded(DEFAULT_EMBEDDED, pythonTasks, workers, killGraceMs);
    }
    case 'versioned':
      return startProcesses(await findVersioned(spec.version), pythonTasks, false, workers, killGraceMs);
    case 'pypy':
      return startProcesses('pypy3', pythonTasks, true, workers, killGraceMs);
    case 'path':
      return startProcesses(spec.path, pythonTasks, false, workers, killGraceMs);
  }
}

/** findPython's message, in a few words. */
function whyUnusable(message: string): string {
  if (/ENOENT/.test(message)) return 'python3 is not on PATH';
  const old = /is ([\d.]+|unknown): too old/.exec(message);
  if (old) return `python3 is ${old[1]}, older than 3.9`;
  return message.split('\n')[0].slice(0, 200);
}

async function startEmbedded(build: EmbeddedBuild, pythonTasks: boolean, workers?: number, killGraceMs?: number): Promise<Oracle> {
  const { EmbeddedOracle } = await import('./embedded/oracle.ts'); // node:worker_threads only when needed
  return EmbeddedOracle.start({ build, pythonTasks, workers, killGraceMs });
}

/**
 * The worker processes, started on guessPython's answer (a head start of 0.3 s behind a pyenv
 * shim) while findPython probes; when the probe says otherwise, they start again on its answer.
 */
async function startProcesses(python: string | undefined, pythonTasks: boolean, pypy: boolean, workers?: number, killGraceMs?: number): Promise<Oracle> {
  const { findPython, guessPython, samePython } = await import('./find-python.ts');
  const guess = await guessPython({ python });
  const started = startPool(guess, python, pythonTasks, pypy, workers, killGraceMs);
  const [pool, truth] = await Promise.all([started.catch(() => undefined), findPython({ python }).catch((error: unknown) => error as Error)]);
  if (truth instanceof Error) {
    await pool?.close();
    throw truth;
  }
  if (pool !== undefined && samePython(guess, truth)) return pool;
  await pool?.close();
  return startPool(truth, python, pythonTasks, pypy, workers, killGraceMs);
}

async function startPool(found: PythonInfo, python: string | undefined, pythonTasks: boolean, pypy: boolean, workers?: number, killGraceMs?: number): Promise<Oracle> {
  const { Oracle: ProcessPool } = await import('./pool.ts');
  const [major, minor] = found.version.split('.').map(Number);
  const compat = pypy || found.implementation !== 'CPython' || major * 100 + minor < 311;
  const script = pythonTasks ? PY_TASK_LAUNCHER : compat ? COMPAT_LAUNCHER : undefined;
  const pool = await ProcessPool.start({ python, found, workers, killGraceMs, script });
  return pythonTasks ? relabelled(pool, { ...pool.info, implementation: `${pool.info.implementation}${PY_TASK_SUFFIX}` }) : pool;
}

/** `cpython-3.X` that is not embedded: `python3.X` on PATH, else `python3` when it is 3.X. */
async function findVersioned(version: string): Promise<string> {
  const { findPython } = await import('./find-python.ts');
  const matches = (found: { version: string }): boolean => found.version.startsWith(`${version}.`);
  const named = await findPython({ python: `python${version}` }).catch(() => undefined);
  if (named && matches(named)) return named.executable;
  const system = await findPython({}).catch(() => undefined);
  if (system && matches(system)) return system.executable;
  throw new Error(
    `no CPython ${version} here: python${version} is not on PATH` +
      (system ? ` and python3 is ${system.version}` : ' and there is no python3') +
      `. Embedded builds: ${EMBEDDED_BUILDS.map((b) => b.name).join(', ')}.`,
  );
}

/** The same oracle, reporting another name (the Task implementation is not in `sys.version`). */
function relabelled(oracle: Oracle, info: OracleInfo): Oracle {
  return {
    info,
    get size() {
      return oracle.size;
    },
    run: (source, opts) => oracle.run(source, opts),
    runCountingClockReads: (source, opts) => oracle.runCountingClockReads(source, opts),
    importSource: (source, filename) => oracle.importSource(source, filename),
    close: () => oracle.close(),
  };
}
