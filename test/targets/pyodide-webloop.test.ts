/**
 * Pyodide's WebLoop as a target (targets/pyodide-webloop/): it runs programs on the real
 * WebLoop of CPython 3.14 in Pyodide, on a virtual Node loop, and `check` against CPython 3.14
 * (the embedded `cpython-3.14` oracle, the same Pyodide build running stock asyncio) sorts every
 * difference into a named bucket. One Pyodide load for the target and one for the oracle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, isFailure, startOracle, type Oracle } from '../../lib/index.ts';
import type { Program } from '../../ir/program.ts';
import adapter from '../../targets/pyodide-webloop/adapter.ts';
import { messageOf } from '../../targets/pyodide-webloop/python-error.ts';

const BUDGET = { maxIterations: 10_000, maxTime: 1000 };

/** Two tasks sleeping 0.1 s, gathered; then main divides by zero: the same on both loops. */
const KNOWN = `import asyncio


async def sleeper(n):
    print('start', n)
    await asyncio.sleep(0.1)
    print('end', n, asyncio.current_task().get_name())
    return n


async def main():
    t = asyncio.create_task(sleeper(1))
    u = asyncio.create_task(sleeper(2))
    print('main', asyncio.current_task().get_name())
    print(await asyncio.gather(t, u))
    print(1 // 0)


asyncio.run(main())
`;

/**
 * What only the WebLoop prints: Pyodide's scheduleCallback sends the 1 ms sleep to
 * setImmediate, so `a` wakes between `b`'s two sleep(0) steps (CPython: b1, b2, a), and
 * the task main leaves behind still prints after the top-level await (asyncio.run would
 * cancel it).
 */
const WEBLOOP_ONLY = `import asyncio


async def a():
    await asyncio.sleep(0.001)
    print('a')


async def b():
    await asyncio.sleep(0)
    print('b1')
    await asyncio.sleep(0)
    print('b2')


async def late():
    await asyncio.sleep(0.5)
    print('late')


async def main():
    t = asyncio.create_task(a())
    u = asyncio.create_task(b())
    v = asyncio.create_task(late())
    await asyncio.sleep(0.01)


asyncio.run(main())
`;

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ oracle: 'cpython-3.14', workers: 1 });
}, 120_000);
afterAll(async () => {
  await oracle?.close();
});

describe('the pyodide-webloop adapter', () => {
  it('runs a program on the WebLoop and records what it prints, with task names and virtual times', async () => {
    const program = await oracle.importSource(KNOWN, 'known.py');
    for (const clock of ['ideal', 'realistic'] as const) {
      const result = await adapter.run(program, { clock, budget: BUDGET });
      if (isFailure(result)) throw new Error(result.failure);
      expect(result.trace.map((e) => [e.text, e.task])).toEqual([
        ['main Task-1\n', 'Task-1'],
        ['start 1\n', 'Task-2'],
        ['start 2\n', 'Task-3'],
        ['end 1 Task-2\n', 'Task-2'],
        ['end 2 Task-3\n', 'Task-3'],
        ['[1, 2]\n', 'Task-1'],
      ]);
      expect(result.trace[3].time).toBeCloseTo(0.1, 3);
      expect(result.outcome).toEqual({ kind: 'exception', type: 'ZeroDivisionError', message: 'division by zero' });
    }
    // The Python that ran: asyncio.run(main()) as a top-level await.
    expect(await adapter.typescript(program)).toContain('\nawait main()\n');

    const webloopOnly = await adapter.run(await oracle.importSource(WEBLOOP_ONLY, 'webloop_only.py'), { clock: 'ideal', budget: BUDGET });
    if (isFailure(webloopOnly)) throw new Error(webloopOnly.failure);
    expect(webloopOnly.trace.map((e) => [e.text, e.time])).toEqual([
      ['b1\n', 0],
      ['a\n', 0],
      ['b2\n', 0],
      ['late\n', 0.5],
    ]);
    expect(webloopOnly.outcome).toEqual({ kind: 'ok' });
  }, 120_000);

  it('gives a program it cannot drive (asyncio.run inside a function) a clear failure, not a crash', async () => {
    const program: Program = {
      functions: [
        { name: 'main', isAsync: true, params: [], body: [{ kind: 'pass' }] },
        { name: 'go', isAsync: false, params: [], body: [{ kind: 'expr', expr: { kind: 'asyncio', func: 'run', args: [{ kind: 'call', func: 'main', args: [], keywords: [] }], keywords: [] } }] },
      ],
      body: [{ kind: 'expr', expr: { kind: 'call', func: 'go', args: [], keywords: [] } }],
    };
    const result = await adapter.run(program, { clock: 'ideal', budget: BUDGET });
    expect(isFailure(result) && result.failure).toMatch(/^pyodide-webloop cannot drive this program: asyncio\.run inside go\(\).*stack switching/);
  });

  it("reads str(exc) out of a PythonError's traceback", () => {
    expect(messageOf('ValueError', 'Traceback (most recent call last):\n  File "x", line 1\nValueError: two\nlines\n')).toBe('two\nlines');
    expect(messageOf('ValueError', 'Traceback (most recent call last):\n  File "x", line 1\nValueError\n')).toBe('');
  });
});

describe('check against CPython 3.14', () => {
  const expectNamedCauses = async (seed: number, clock: 'ideal' | 'realistic') => {
    // The WebLoop research covered the generator's tasks features, not the exception ones swarm
    // testing now switches on (not researched on the WebLoop yet).
    const report = await check({ target: adapter, oracle, runs: 12, seed, clock, shrink: false, constraints: { swarm: false } });
    expect(report.outcomes.portCrash).toBe(0);
    expect(report.outcomes.same + report.outcomes.differs).toBe(12);
    const names = report.buckets.map((b) => b.name);
    expect(names).not.toContain('unclassified');
    expect(names).not.toContain('side-crash');
    return report;
  };

  it('seed 42: every difference lands in a named bucket', async () => {
    const report = await expectNamedCauses(42, 'ideal');
    expect(report.outcomes.differs).toBeGreaterThan(0); // the WebLoop does differ: no shutdown cancellation at least
  }, 240_000);

  it('a random seed, on the realistic clock: every difference lands in a named bucket', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`pyodide-webloop property seed: ${seed}`);
    await expectNamedCauses(seed, 'realistic');
  }, 240_000);
});
