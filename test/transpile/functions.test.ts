/**
 * Functions as values (issue 8 item 3), end to end: each program in ./functions/ (coroutine
 * functions in a list, a closure counter with `nonlocal`, callbacks awaited by a helper,
 * lambdas, late binding, `global`, `*args`, keyword-only parameters, functools.partial, and calls CPython
 * rejects) runs with `run --target port` and prints exactly what `python3 FILE` prints, with
 * the same exit code and, when it raises, the traceback's last line. The native profile runs
 * each (JS closures and arrow functions) without a harness crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nativeSide, portSide } from '../../compare/sides.ts';
import { isFailure, type SideResult } from '../../compare/verdict.ts';
import { run } from '../../lib/index.ts';
import { printPython } from '../../ir/python.ts';
import { cliInProcess, python, writeProgram, type CliResult } from '../cli/_cli.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { ProgramInputError } from '../../oracle/errors.ts';
import { importPythonSource } from '../../oracle/importer.ts';

const DIR = new URL('./functions/', import.meta.url).pathname;
const PROGRAMS = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

/** What a side printed, its exit code as `run` gives it, and the exception line it ended with. */
function asPython(r: SideResult): { stdout: string; exitCode: number; last: string } {
  if (isFailure(r)) return { stdout: r.failure, exitCode: 2, last: '' };
  const stdout = r.trace.map((t) => t.text).join('');
  if (r.outcome.kind === 'exception') return { stdout, exitCode: 1, last: `${r.outcome.type}: ${r.outcome.message}` };
  return { stdout, exitCode: r.outcome.kind === 'ok' ? 0 : 2, last: '' };
}

const real = new Map<string, CliResult>();
beforeAll(async () => {
  // python3 FILE for every program at once: the reference each test compares with.
  await Promise.all(PROGRAMS.map(async (name) => real.set(name, await python(join(DIR, name)))));
}, 60_000);

describe('functions as values on the port print what python3 prints', () => {
  it('has programs for each construct, and for bad calls', () => {
    expect(PROGRAMS.length).toBeGreaterThanOrEqual(10);
    expect(PROGRAMS.filter((f) => f.startsWith('bad-call-')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(PROGRAMS)('%s', async (name) => {
    const file = join(DIR, name);
    const expected = real.get(name)!;
    const oracle = await sharedOracle();
    const port = asPython(await run({ file, target: portSide, oracle }));
    expect(port.stdout).toBe(expected.stdout);
    expect(port.exitCode).toBe(expected.exitCode);
    expect(expected.exitCode).toBe(name.startsWith('bad-call-') ? 1 : 0);
    if (expected.exitCode !== 0) {
      expect(lastLine(expected.stderr)).toMatch(/^TypeError: /);
      expect(port.last).toBe(lastLine(expected.stderr));
    }
    // The native profile: JS closures and arrow functions; these programs print the same there too.
    const native = asPython(await run({ file, target: nativeSide, oracle }));
    expect([native.stdout, native.exitCode, native.last]).toEqual([expected.stdout, expected.exitCode, port.last]);
  });

  it('run --target port, the command itself: same stdout, exit code and last traceback line', async () => {
    const file = join(DIR, 'bad-call-keywords.py');
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect([r.stdout, r.exitCode]).toEqual([real.get('bad-call-keywords.py')!.stdout, 1]);
    expect(r.stderr).toContain("TypeError: configure() got multiple values for argument 'host'");
  });
});

describe('the printer writes back what the importer read', () => {
  it.each(PROGRAMS)('%s: import, print, import again gives the same IR, each statement on its source line', async (name) => {
    const oracle = await sharedOracle();
    const first = await importPythonSource(readFileSync(join(DIR, name), 'utf8'), name, oracle);
    const printed = printPython(first);
    const again = await importPythonSource(printed, name, oracle);
    expect([again.functions, again.body]).toEqual([first.functions, first.body]);
  });
});

describe('what stays out is refused with file:line:col and a hint', () => {
  it('run --target port exits 2 with file:line:col on a positional-only parameter', async () => {
    const path = writeProgram('refused-function-posonly.py', 'import asyncio\n\ndef f(a, /):\n    return 1\n');
    const r = await cliInProcess(['run', path, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${path}:3:7: unsupported positional-only parameter`);
  });

  it.each([
    ['** into a builtin', 'x = {}\ny = len(**x)\n', '4:9: unsupported **arguments of len (only calls of your own functions unpack a dict with **)'],
    ['asyncio.run in a lambda', 'async def main():\n    pass\nstart = lambda: asyncio.run(main())\n', '5:17: unsupported asyncio.run inside a nested function or lambda'],
    ['a decorated nested def', 'def f():\n    @f\n    def g():\n        pass\n', '4:6: unsupported decorator'],
    ['another functools import', 'from functools import reduce\n', '3:1: unsupported import from functools (write `import functools` and `functools.name`; the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)'],
    ['functools.partial as a value', 'import functools\nmake = functools.partial\n', '4:8: unsupported attribute .partial'],
    ['partial as a value', 'from functools import partial\nmake = partial\n', '4:8: unsupported use of partial as a value (call functools.partial(f, ...))'],
    ['nonlocal of a global', 'x = 1\ndef f():\n    nonlocal x\n', '4:1: unsupported nonlocal x: no enclosing function binds it'],
  ])('%s', async (_what, body, expected) => {
    const error = await importPythonSource(`import asyncio\n\n${body}`, 'x.py', await sharedOracle()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramInputError);
    expect((error as Error).message).toBe(`x.py:${expected}`);
  });
});
