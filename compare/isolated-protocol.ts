/**
 * What compare/isolated.ts and its child (isolated-worker.ts) say to each other: a module of
 * its own, so the child loads none of the parent's side.
 */
import type { Program, RunResult, TraceEntry } from '../ir/program.ts';
import type { RunOptions, SideName } from './sides.ts';
import type { SideFailure, SideOutput } from './verdict.ts';

export interface IsolatedRequest {
  side: SideName;
  program: Program;
  /** Budgets and clock; the hooks are the child's own. */
  options: Omit<RunOptions, 'onStart' | 'onPrint'>;
  /**
   * The parent's ASYNCIO_CONFORMANCE_* variables, sent to a child started before the command set
   * them (the oracle's version and executable: cli/oracle.ts), with its first program: it takes
   * them before anything reads them (compare/isolated.ts adoptable).
   */
  environment?: Record<string, string>;
}

/**
 * Sent to a child started ahead of its first program (compare/isolated.ts prestartChild): load the
 * port and the transpiler now, while the parent still waits on CPython to read the file.
 */
export interface PreloadRequest {
  kind: 'preload';
}

/** The child's answer (IPC): the result without its trace, which came line by line on fd 3. */
export interface IsolatedMessage {
  kind: 'result';
  result: (Omit<RunResult, 'trace'> & SideOutput) | SideFailure;
}

/**
 * A line on fd 3: `{"started":true}` once, just before the program's first statement, then one trace entry per
 * print, then `{"ended":true}` after the run.
 */
export type TraceLine = TraceEntry | { started: true } | { ended: true };

/**
 * What the child writes on stderr after a program's run, before its answer: the parent's end of
 * that program's stderr (stderr and the IPC channel are separate pipes, read in no fixed order).
 */
/** The variables a fresh child takes from its parent with its first program (IsolatedRequest.environment). */
export const ADOPTED_PREFIX = 'ASYNCIO_CONFORMANCE_';

export const END_OF_STDERR = '[asyncio-conformance: end of program]\n';
