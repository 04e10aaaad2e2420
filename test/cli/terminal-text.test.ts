/**
 * A program's text reaches the terminal with its control characters escaped (summary, minimal
 * program, traces, error messages); `run` alone writes the program's output as it wrote it,
 * as `python3` does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeJson } from '../../cli/terminal-text.ts';
import { cliInProcess, python, writeProgram } from './_cli.ts';

/** Cc (C0 but newline and tab, DEL, C1) and the bidi formatting characters. */
const UNSAFE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const ESCAPES = `import asyncio


async def shout():
    print("\\x1b[2Jred\\x9b31m\\u202eevil\\r")


async def main():
    c = shout()
    print("main \\x1b[31m")


asyncio.run(main())
`;

describe('terminalSafe', () => {
  it('escapes ESC, CR, DEL, C1 and bidi controls as Python writes them; keeps newline, tab and other text', () => {
    expect(terminalSafe('\x1b[2J\r\x7f\x9b\u202e\u2066\0')).toBe('\\x1b[2J\\r\\x7f\\x9b\\u202e\\u2066\\x00');
    expect(terminalSafe('a\tb\nc é 🐍 ≠ │')).toBe('a\tb\nc é 🐍 ≠ │');
  });

  it('JSON for the terminal keeps its value', () => {
    const value = { text: '\x1b\x9b\u202e\n' };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).not.toMatch(UNSAFE);
    expect(JSON.parse(json)).toEqual(value);
  });

  const noUnsafeLeft = (parameters: fc.Parameters<[string]>) =>
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect(terminalSafe(text)).not.toMatch(UNSAFE);
        expect(terminalSafeJson(JSON.stringify(text))).not.toMatch(UNSAFE);
        expect(JSON.parse(terminalSafeJson(JSON.stringify(text)))).toBe(text);
      }),
      parameters,
    );

  it('property: nothing unsafe is left, and JSON reads back the same (seed 42)', () => noUnsafeLeft({ seed: 42, numRuns: 500 }));

  it('property: nothing unsafe is left, and JSON reads back the same (random seed)', () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`terminalSafe property seed: ${seed}`);
    noUnsafeLeft({ seed, numRuns: 500 });
  });
});

describe('program text on the terminal', () => {
  it('compare: the summary, minimal program and traces carry no raw control character', async () => {
    const file = writeProgram('escapes.py', ESCAPES);
    const r = await cliInProcess(['compare', file, '--target', 'native']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('lazy-coroutines');
    expect(r.stdout).toContain('\\x9b31m\\u202eevil\\r');
    expect(r.stdout).not.toMatch(UNSAFE);
    expect(r.stderr).not.toMatch(UNSAFE);
  });

  it('run: the program\'s output as it wrote it, as python3 prints it (raw ESC included); --json escaped', async () => {
    const file = writeProgram('escapes.py', ESCAPES);
    const real = await python(file);
    const r = await cliInProcess(['run', file]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(real.stdout);
    expect(r.stdout).toContain('\x1b[31m');
    const json = await cliInProcess(['run', file, '--target', 'native', '--json']);
    expect(json.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(json.stdout).trace.map((entry: { text: string }) => entry.text)).toEqual(['\x1b[2Jred\x9b31m\u202eevil\r\n', 'main \x1b[31m\n']);
  });

  it('error messages: a file name with control characters is escaped', async () => {
    const file = writeProgram('evil\x1b[2J\x9b.py', 'import asyncio\n\nasync def main(:\n    pass\n');
    const r = await cliInProcess(['run', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('evil\\x1b[2J\\x9b.py:3:');
    expect(r.stderr).not.toMatch(UNSAFE);
    const unknown = await cliInProcess(['frobnicate\x1b[2J']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('frobnicate\\x1b[2J');
    expect(unknown.stderr).not.toMatch(UNSAFE);
  });
});
