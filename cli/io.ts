/**
 * Where a command's words go and where its relative paths start. `main(argv, io)` takes one of
 * these, so the CLI runs in-process (tests pass collectors) exactly as it runs from `bin/`
 * (which passes the process' own streams): no command touches `process.stdout`,
 * `process.stderr`, `process.exitCode` or `process.argv`.
 */
import { isAbsolute, resolve } from 'node:path';
import type { Oracle, StartOracleOptions } from '../oracle/oracles.ts';

/** The part of a writable stream the CLI uses; a collector `{ write(s) { text += s } }` will do. */
export interface CliOutput {
  write(chunk: string): unknown;
  /** Progress bars redraw in place only on a terminal. */
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Environment variables the CLI reads (`ASYNCIO_CONFORMANCE_PYTHON`); default: the process'. */
  env?: Record<string, string | undefined>;
  /** Where relative paths start; default: the process' working directory. */
  cwd?: string;
  /**
   * Starts the oracle a command runs on; default oracle/oracles.ts `startOracle`, a fresh one
   * each command. A process calling `main` many times (the tests) passes `WarmOracles`' start
   * (cli/warm-oracles.ts) to reuse running ones: a command's `close()` then gives it back.
   */
  startOracle?: (opts: StartOracleOptions) => Promise<Oracle>;
}

/** What every command's action reads and sets: its io, the words it was called with, its exit code. */
export interface CliContext {
  io: CliIo;
  /** The user's arguments, without `node` and the script (what `process.argv.slice(2)` is from bin/). */
  argv: readonly string[];
  /** Set by the action; `main` returns it. */
  exitCode: number;
}

export function newContext(argv: readonly string[], io: CliIo): CliContext {
  return { io, argv, exitCode: 0 };
}

/** A path the user typed, as the process must open it: relative ones start at `io.cwd`. */
export function userPath(io: CliIo, path: string): string {
  if (io.cwd === undefined || path === '' || isAbsolute(path)) return path;
  return resolve(io.cwd, path);
}

/** The command line a report's replay line shows. */
export function commandLine(context: CliContext): string {
  return ['npx asyncio-conformance', ...context.argv].join(' ');
}

/** `--python`, else the io's `$ASYNCIO_CONFORMANCE_PYTHON` when the io brings its own environment. */
export function pythonFrom(io: CliIo, flag: string | undefined): string | undefined {
  return flag ?? io.env?.ASYNCIO_CONFORMANCE_PYTHON;
}
