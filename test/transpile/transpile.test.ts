import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, type ClockModel, type Program, type RunResult } from '../../ir/program.ts';
import { executeOnPort } from '../../transpile/execute.ts';
import { compileForPort, formatTypeScript, transpile } from '../../transpile/index.ts';
import { runOnOracle } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { uncheckedOracle } from '../_support/oracle.ts';
import { texts } from '../port/_dual.ts';
import { PROGRAMS } from './_programs.ts';

const entries = Object.entries(PROGRAMS);

/**
 * Each program on the oracle (as `check` runs it, `runOnOracle`) and on the port. The oracle's
 * gate is off: these hand-built programs cover every node kind of the IR, some in places
 * the importer refuses (a module-level `for`), and it is the port's run of the IR that is
 * under test here, against the oracle's own loop.
 */
async function bothSides(clock: ClockModel): Promise<Array<[string, SideResult, RunResult]>> {
  const oracle = await uncheckedOracle();
  const expected = await Promise.all(entries.map(([, p]) => runOnOracle(oracle, p, { clock, budget: DEFAULT_BUDGET })));
  const rows: Array<[string, SideResult, RunResult]> = [];
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
    // Names reserved in JavaScript (`delete`, `new`, `this`, `function`, `var`, `let`) are plain Python names.
    expect(texts(await run(PROGRAMS.reservedNames))).toEqual(['3 6']);
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
