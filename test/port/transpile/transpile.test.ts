import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, type ClockModel, type Program, type RunResult } from '../../../ir/program.ts';
import { printPython } from '../../../ir/python.ts';
import { executeOnPort } from '../../../port/transpile/execute.ts';
import { compileForPort, formatTypeScript, transpile } from '../../../port/transpile/index.ts';
import { runOnCPython, texts } from '../_cpython.ts';
import { PROGRAMS } from './_programs.ts';

const entries = Object.entries(PROGRAMS);

async function bothSides(clock: ClockModel): Promise<Array<[string, RunResult, RunResult]>> {
  const expected = await runOnCPython(entries.map(([, p]) => ({ source: printPython(p), clock })));
  const rows: Array<[string, RunResult, RunResult]> = [];
  for (const [k, [label, p]] of entries.entries()) rows.push([label, expected[k], await executeOnPort(p, { clock, budget: DEFAULT_BUDGET })]);
  return rows;
}

describe('transpiled programs run on the port exactly as on CPython', () => {
  for (const clock of ['realistic', 'ideal'] as const) {
    it(`every node kind, ${clock} clock: prints, times, tasks, iterations, outcome`, async () => {
      for (const [label, cpython, port] of await bothSides(clock)) {
        expect({ label, ...port }).toEqual({ label, ...cpython });
      }
    });
  }

  it('pins a few outputs by hand', async () => {
    const run = (p: Program) => executeOnPort(p, { clock: 'realistic', budget: DEFAULT_BUDGET });
    // `print = var` makes the later `print(...)` call an int, as in Python.
    expect((await run(PROGRAMS.reservedNames)).outcome).toEqual({ kind: 'exception', type: 'TypeError', message: "'int' object is not callable" });
    expect(texts(await run(PROGRAMS.syncCallsRun))).toEqual(['6', '6']);
    const lit = texts(await run(PROGRAMS.literalsAndOperators));
    expect(lit[0]).toBe("7 0.1 1e+16 -0.0 it's True None [1, 'a'] (1,) ()");
    expect(lit[1]).toBe('-4 1 -0.5 0.3333333333333333 0.5');
    expect(lit[9]).toBe("x=5 pi=3.14 r='a' `${q}` \\ {}");
    expect((await run(PROGRAMS.escapesBadCall)).outcome).toEqual({
      kind: 'exception',
      type: 'TypeError',
      message: "two() missing 1 required positional argument: 'b'",
    });
  });

  it('emits the shape the brief shows: lazy coroutines, aw(), typed locals, native int ops', async () => {
    const ts = transpile(PROGRAMS.tasksAndGather);
    expect(ts).toContain("const worker = asyncio.coroutine('worker', async (name: PyValue, delay: PyValue)");
    expect(ts).toContain('await asyncio.aw(asyncio.sleep(');
    expect(transpile(PROGRAMS.controlFlow)).toContain('total += i;');
    expect(await formatTypeScript(ts)).toMatch(/^import \* as asyncio from '\.\/port\/index\.ts';$/m);
    expect(compileForPort(PROGRAMS.tasksAndGather).ts).toBe(ts);
  });
});
