/** Runs the real CLI in a real Node process, as a user would with `npx asyncio-conformance`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { findPython } from '../../oracle/find-python.ts';

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
  const { executable } = await findPython({});
  const r = await execa(executable, [file], { reject: false, stripFinalNewline: false, timeout: 60_000 });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

export function writeProgram(name: string, source: string): string {
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, name);
  writeFileSync(file, source);
  return file;
}
