/**
 * Test helper: sends a batch of sources to ONE real CPython 3.11 process
 * (`cpython_batch.py` next to this file) and returns one result per source.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

/** Real CPython; never the pyenv shim, which costs ~65 ms a spawn. */
import { PYTHON as CPYTHON } from '../../_support/python.ts';

export { CPYTHON };
const BATCH_SCRIPT = fileURLToPath(new URL('./cpython_batch.py', import.meta.url));

export interface ParseResult { ok: boolean; ir?: unknown; error?: string }
export interface EvalResult { ok: boolean; repr?: string; error?: string }
export interface RunResult { ok: boolean; stdout: string; error: string | null; iterations: number }

async function batch<T>(op: 'parse' | 'eval' | 'run', items: string[]): Promise<T[]> {
  const { stdout } = await execa(CPYTHON, [BATCH_SCRIPT], {
    input: JSON.stringify({ op, items }),
    maxBuffer: 256 * 1024 * 1024,
    // Unawaited-coroutine warnings go to stderr; they are expected, not failures.
    stderr: 'ignore',
  });
  const results = JSON.parse(stdout) as T[];
  if (results.length !== items.length) throw new Error(`cpython_batch: ${results.length} results for ${items.length} items`);
  return results;
}

/** `ast.parse` each source; for a single expression statement, also its IR as CPython reads it. */
export const parseWithCPython = (sources: string[]) => batch<ParseResult>('parse', sources);
/** `repr(eval(source))` for each expression. */
export const evalWithCPython = (expressions: string[]) => batch<EvalResult>('eval', expressions);
/** Runs each program twice under a virtual clock; ok when it exits cleanly and prints the same both times. */
export const runWithCPython = (programs: string[]) => batch<RunResult>('run', programs);
