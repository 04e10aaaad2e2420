/**
 * One harness for the language programs of issue 8 items 3, 4, 7, 8, 9 (the `**kwargs`,
 * annotations, collections, match, itertools and datetime folders): each `.py` of a folder runs
 * with the product's `run` on the port and must print exactly what `python3 FILE` prints, with
 * the same exit code and, when it raises, the traceback's last line; a `bad-*.py` program must
 * raise. The native profile runs each without a harness crash, and the printer writes back the
 * IR the importer read (each statement on its source line).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeSide, portSide } from '../../compare/sides.ts';
import { isFailure, type SideResult } from '../../compare/verdict.ts';
import { run } from '../../lib/index.ts';
import { printPython } from '../../ir/python.ts';
import { python, type CliResult } from '../cli/_cli.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { ProgramInputError } from '../../oracle/errors.ts';
import { importPythonSource } from '../../oracle/importer.ts';

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

/** What a side printed, its exit code as `run` gives it, and the exception line it ended with. */
function asPython(r: SideResult): { stdout: string; exitCode: number; last: string } {
  if (isFailure(r)) return { stdout: r.failure, exitCode: 2, last: '' };
  const stdout = r.trace.map((t) => t.text).join('');
  if (r.outcome.kind === 'exception') return { stdout, exitCode: 1, last: `${r.outcome.type}: ${r.outcome.message}` };
  return { stdout, exitCode: r.outcome.kind === 'ok' ? 0 : 2, last: '' };
}

/** The `.py` programs of `dir` (a folder next to the test file) compared with python3, as the header says. */
export function describePrograms(title: string, dir: URL, minimum: number): void {
  const path = dir.pathname;
  const programs = readdirSync(path).filter((f) => f.endsWith('.py')).sort();
  const real = new Map<string, CliResult>();
  beforeAll(async () => {
    await Promise.all(programs.map(async (name) => real.set(name, await python(join(path, name)))));
  }, 60_000);

  describe(`${title} on the port prints what python3 prints`, () => {
    it(`has at least ${minimum} programs`, () => {
      expect(programs.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(programs)('%s', async (name) => {
      const file = join(path, name);
      const expected = real.get(name)!;
      const oracle = await sharedOracle();
      expect(expected.exitCode).toBe(name.startsWith('bad-') ? 1 : 0);
      const port = asPython(await run({ file, target: portSide, oracle }));
      expect(port.stdout).toBe(expected.stdout);
      expect(port.exitCode).toBe(expected.exitCode);
      if (expected.exitCode !== 0) expect(port.last).toBe(lastLine(expected.stderr));
      // The native profile runs it without a harness crash (what it prints may differ in a named bucket).
      const native = await run({ file, target: nativeSide, oracle });
      expect(isFailure(native) ? native.failure : native.outcome.kind).not.toBe('crash');
      expect(isFailure(native)).toBe(false);
    });

    it.each(programs)('%s: the printer writes back the IR the importer read', async (name) => {
      const oracle = await sharedOracle();
      const first = await importPythonSource(readFileSync(join(path, name), 'utf8'), name, oracle);
      const again = await importPythonSource(printPython(first), name, oracle);
      expect([again.functions, again.body, again.imports]).toEqual([first.functions, first.body, first.imports]);
    });
  });
}

/** `import asyncio` + `body` is refused with exactly `x.py:<expected>`. */
export async function expectRefused(body: string, expected: string): Promise<void> {
  const error = await importPythonSource(`import asyncio\n\n${body}`, 'x.py', await sharedOracle()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProgramInputError);
  expect((error as Error).message).toBe(`x.py:${expected}`);
}
