/**
 * The strings-and-builtins slice (issue 8 item 7) end to end: tutorial-style asyncio programs
 * (_strings-programs.ts) print on the port exactly what `python3 FILE` prints, with the same
 * exit code and, for an uncaught exception, the same last line of the traceback; the native
 * profile runs them without a harness crash; what stays outside the slice is refused with
 * `file:line:col: unsupported ...` (exit 2).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../_support/python.ts';
import { cliInProcess, TMP } from './_cli.ts';
import { STRING_PROGRAMS, STRING_REFUSALS } from './_strings-programs.ts';

const DIR = join(TMP, 'strings-builtins');
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  for (const [name, text] of Object.entries(STRING_PROGRAMS)) writeFileSync(join(DIR, name), text);
  for (const [name, [text]] of Object.entries(STRING_REFUSALS)) writeFileSync(join(DIR, name), text);
});

// Concurrent: each test waits on processes (python3, the oracle), not on this thread.
describe.concurrent('str methods, str.format and builtins in asyncio programs', () => {
  for (const name of Object.keys(STRING_PROGRAMS)) {
    it(`${name}: the port prints what python3 prints; the native profile runs it`, async () => {
      const file = join(DIR, name);
      const [python, port, native] = await Promise.all([
        execa(PYTHON, [file], { reject: false, stripFinalNewline: false }),
        cliInProcess(['run', file, '--target', 'port']),
        cliInProcess(['run', file, '--target', 'native']),
      ]);
      expect(python.exitCode === 0 ? python.stdout : 'raised').not.toBe('');
      expect(port.stdout).toBe(python.stdout);
      expect(port.exitCode).toBe(python.exitCode);
      if (python.exitCode !== 0) expect(lastLine(port.stderr)).toBe(lastLine(python.stderr));
      // No harness crash; values and messages are the runtime's on both profiles, and these
      // programs do not depend on scheduling, so native prints the same too.
      expect(native.exitCode).toBe(python.exitCode);
      expect(native.stdout).toBe(python.stdout);
    }, 60_000);
  }
});

describe.concurrent('outside the slice: refused with file:line:col', () => {
  for (const [name, [, expected]] of Object.entries(STRING_REFUSALS)) {
    it(name, async () => {
      const file = join(DIR, name);
      const result = await cliInProcess(['run', file, '--target', 'port']);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`${file}:${expected}`);
    });
  }
});
