/**
 * The checks the suites of hand-written program files share (test/transpile/<construct>/*.py):
 * the port prints what `python3 FILE` prints, and the native profile runs the file without a
 * harness failure.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect } from 'vitest';
import { nativeSide } from '../../compare/sides.ts';
import { DEFAULT_BUDGET, type ClockModel } from '../../ir/program.ts';
import { sharedOracle } from './oracle.ts';
import { cliInProcess, python } from '../cli/_cli.ts';

/** The last non-empty line of a traceback (or of the tool's stderr). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

/** `run FILE --target port` prints what `python3 FILE` prints: stdout, exit code, the traceback's last line. Returns python3's stdout. */
export async function expectPortPrintsAsPython3(file: string): Promise<string> {
  const [real, port] = await Promise.all([python(file), cliInProcess(['run', file, '--target', 'port'])]);
  expect(port.stdout).toBe(real.stdout);
  expect(port.exitCode).toBe(real.exitCode);
  if (real.exitCode === 0) expect(port.stderr).toBe('');
  else expect(lastLine(port.stderr)).toBe(lastLine(real.stderr));
  return real.stdout;
}

/** The native profile runs FILE (read by the oracle's importer) to one of `outcomes`, never a harness failure. */
export async function expectNativeRuns(file: string, clock: ClockModel, outcomes = /^(ok|exception)$/): Promise<void> {
  const program = await (await sharedOracle()).importSource(readFileSync(file, 'utf8'), basename(file));
  const r = await nativeSide.run(program, { clock, budget: DEFAULT_BUDGET });
  expect('trace' in r ? r.outcome.kind : JSON.stringify(r)).toMatch(outcomes);
}
