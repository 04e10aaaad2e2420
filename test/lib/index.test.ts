/**
 * The library (lib/index.ts) against real CPython: each call gives what its command gives, as
 * values; a running oracle handed in stays running; a target may be an adapter object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, compare, generate, run, startOracle, isFailure, type Oracle, type TargetAdapter } from '../../lib/index.ts';
import { portSide } from '../../compare/sides.ts';

/** CPython and the port run create_task's child at the next iteration; the native profile runs it at once. */
const EAGER_START = ['import asyncio', 'async def child():', '    print("child")', 'async def main():', '    asyncio.create_task(child())', '    print("main")', '    await asyncio.sleep(0)', 'asyncio.run(main())', ''].join('\n');

/** A wrong port on purpose: the port's trace, printed lines in reverse order. */
const reversed: TargetAdapter = {
  name: 'reversed-port',
  comparesTime: false,
  run: async (program, options) => {
    const result = await portSide.run(program, options);
    return isFailure(result) ? result : { ...result, trace: [...result.trace].reverse() };
  },
  typescript: async () => '// reversed port',
};

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ workers: 1 });
});
afterAll(async () => {
  await oracle?.close();
});

describe('generate', () => {
  it('is the seed\'s stream: the same programs for the same seed, each with the header that replays it', () => {
    const first = generate({ count: 3, seed: 42 });
    const again = generate({ count: 3, seed: 42 });
    expect(first.seed).toBe(42);
    expect(first.programs.map((p) => p.python)).toEqual(again.programs.map((p) => p.python));
    expect(first.programs.map((p) => p.path)).toEqual(['0', '1', '2']);
    expect(first.programs[1].python).toContain('asyncio.run(');
    expect(generate({ count: 1, seed: 42, offset: 2 }).programs[0].python).toBe(first.programs[2].python);
  });
});

describe('check', () => {
  it('seed 42, target port: every program agrees; the report is the JSON report', async () => {
    const report = await check({ runs: 40, seed: 42, oracle });
    expect(report).toMatchObject({ schema: 1, runs: 40, seed: 42, target: 'port', differences: 0, buckets: [] });
    expect(report.outcomes.same).toBe(40);
  });

  it('a random seed (printed), target port: no difference', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`lib check seed: ${seed}`);
    const report = await check({ runs: 40, seed, oracle });
    expect(report.differences).toBe(0);
    expect(report.outcomes.portCrash).toBe(0);
  });

  it('target native: differences, shrunk, each with a minimal program and a replay line', async () => {
    const report = await check({ runs: 20, seed: 42, target: 'native', oracle, constraints: { swarm: false } });
    expect(report.differences).toBeGreaterThan(0);
    expect(report.buckets.map((b) => b.name)).toContain('lazy-task-start');
    for (const bucket of report.buckets) {
      expect(bucket.example.python).toContain('asyncio.run(');
      expect(bucket.example.replay).toMatch(/--seed 42 --path [\d:]+/);
      expect(bucket.example.size).toBeLessThanOrEqual(bucket.example.originalSize);
    }
  });

  it('an adapter object as the target: its differences are found and named by it', async () => {
    const report = await check({ runs: 15, seed: 42, target: reversed, oracle, shrink: false });
    expect(report.target).toBe('reversed-port');
    expect(report.differences).toBeGreaterThan(0);
  });

  it('starts and stops its own oracle when given none (the process can then exit)', async () => {
    const report = await check({ runs: 3, seed: 1, workers: 1 });
    expect(report.runs).toBe(3);
    expect(report.python.implementation).toBe('CPython');
  });
});

describe('run and compare', () => {
  it('run: Python source on CPython and on the port prints the same trace', async () => {
    const onCpython = await run({ source: EAGER_START, oracle });
    const onPort = await run({ source: EAGER_START, target: 'port', oracle });
    if (isFailure(onCpython) || isFailure(onPort)) throw new Error('a side failed');
    expect(onCpython.trace.map((e) => e.text)).toEqual(['main\n', 'child\n']);
    expect(onPort.trace).toEqual(onCpython.trace);
  });

  it('compare: the native profile differs on eager start; the port is the same', async () => {
    const native = await compare({ source: EAGER_START, target: 'native', oracle });
    expect(native.verdict).toBe('differs');
    expect(native.report?.buckets[0]?.name).toBe('lazy-task-start');
    const port = await compare({ source: EAGER_START, oracle });
    expect(port.verdict).toBe('same');
    expect(port.report?.differences).toBe(0);
  });

  it('the oracle handed in is left running', async () => {
    const result = await oracle.run('print("still here")\n');
    expect(result.trace.map((e) => e.text)).toEqual(['still here\n']);
  });
});
