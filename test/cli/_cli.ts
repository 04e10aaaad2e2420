/**
 * The CLI as tests call it: `cliInProcess` runs `main(argv, io)` in this process with collectors
 * for stdout and stderr (most tests); `cli` runs the real bin in a real Node process, as a user
 * would with `npx asyncio-conformance` (the end-to-end smoke tests).
 *
 * In-process commands borrow their oracles from one `WarmOracles` per test file (closed after
 * the file's tests): the product's own oracle, started once per kind instead of once per
 * command (a quarter second each; a file ran hundreds). The spawned `cli` starts its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll } from 'vitest';
import { WarmOracles } from '../../cli/warm-oracles.ts';
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

const warm = new WarmOracles();
afterAll(() => warm.close());

/** `main(args, io)` in-process, from the repository's root as the spawned CLI runs; stdout and stderr collected as text. */
export async function cliInProcess(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  const { main } = await import('../../cli/main.ts');
  let stdout = '';
  let stderr = '';
  const exitCode = await main(args, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: options.cwd ?? ROOT,
    startOracle: warm.start,
    ...(options.env ? { env: options.env } : {}),
  });
  return { stdout, stderr, exitCode };
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
