import { describe, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { DEFAULT_BUDGET, type ClockModel } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { executeOnPort } from '../../transpile/execute.ts';
import { runOnOracle } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { sharedOracle } from '../_support/oracle.ts';

/**
 * Generated programs: the port's RunResult equals the oracle's (as `check` runs it), field for field, but for where
 * the loop stood when it closed (`endTime`, `iterations`). Those count `asyncio.run`'s shutdown_asyncgens, which in
 * CPython also closes a finished async generator that a reference cycle still keeps alive (a TaskGroup's
 * ExceptionGroup and the `__aexit__` frame that raised it) until the cycle collector runs: CPython's GC timing,
 * after the program's last print, which no print can see (test/explain/port-events.test.ts).
 */
/**
 * The run without `endTime` and `iterations`, and without the task names of what was printed after main's last print
 * (a kept async generator's `finally` run by shutdown_asyncgens: its aclose task's number counts the finished
 * generators CPython's GC has not freed yet). Texts, times and iterations of every print are compared.
 */
function observable(result: SideResult) {
  if (!('trace' in result)) return result;
  const { endTime: _endTime, iterations: _iterations, ...rest } = result;
  const mainsLast = rest.trace.map((entry) => entry.task).lastIndexOf('Task-1');
  return { ...rest, trace: rest.trace.map((entry, k) => (k > mainsLast ? { ...entry, task: null } : entry)) };
}

async function differences(seed: number, count: number, clock: ClockModel): Promise<string[]> {
  const programs = samplePrograms({ seed, count });
  const oracle = await sharedOracle();
  const expected = await Promise.all(programs.map((p) => runOnOracle(oracle, p, { clock, budget: DEFAULT_BUDGET })));
  const diffs: string[] = [];
  for (const [k, p] of programs.entries()) {
    const got = await executeOnPort(p, { clock, budget: DEFAULT_BUDGET });
    if (JSON.stringify(observable(got)) !== JSON.stringify(observable(expected[k]))) diffs.push(`seed ${seed} program ${k}:\n${printPython(p)}`);
  }
  return diffs;
}

describe('generated programs run on the port as on CPython', () => {
  it('seed 42, both clocks', async () => {
    expect(await differences(42, 60, 'realistic')).toEqual([]);
    expect(await differences(42, 60, 'ideal')).toEqual([]);
  });

  it('random seed', async () => {
    const seed = Date.now() % 1_000_000;
    console.log(`generated programs: random seed ${seed}`);
    expect(await differences(seed, 60, 'realistic')).toEqual([]);
  });
});
