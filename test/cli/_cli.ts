/** Runs the real CLI in a real Node process, as a user would with `npx asyncio-conformance`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { PYTHON } from '../_support/python.ts';
import { FIXTURES, scaledSleeps } from '../oracle/helpers.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/asyncio-conformance.js');
export const TMP = join(ROOT, 'test/.tmp/cli');

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function cli(args: string[], options: { timeout?: number } = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], { reject: false, stripFinalNewline: false, timeout: options.timeout ?? 120_000, cwd: ROOT });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

/** `python3 file.py`, with the real binary behind python3 (as the oracle finds it). */
export async function python(file: string): Promise<CliResult> {
  const r = await execa(PYTHON, [file], { reject: false, stripFinalNewline: false, timeout: 60_000 });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

export function writeProgram(name: string, source: string): string {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, name);
  writeFileSync(file, source);
  return file;
}

/** Tutorial-style programs from the shared fixtures, each using create_task and real sleeps. */
export const TUTORIALS = ['say_after.py', 'countdown.py', 'done_result.py', 'every_construct.py'];

/** A shared fixture with its sleeps scaled down (`python3` runs it quickly), written where the CLI can read it. */
export function tutorial(name: string): string {
  return writeProgram(name, scaledSleeps(readFileSync(join(FIXTURES, name), 'utf8'), 0.05));
}

/** The heap-tie program of the regression corpus (five tasks sleeping the same delay). */
export const TIE_PROGRAM = join(ROOT, 'test/corpus/heap-tie-order-ideal.py');
