/**
 * compare/port-pool.ts: the side on worker threads gives what the side gives on the main thread,
 * program for program, and `check` judges the same with threads as without.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../compare/check.ts';
import { PortPool } from '../../compare/port-pool.ts';
import { nativeSide, portSide, type LocalSide } from '../../compare/sides.ts';
import { samplePrograms } from '../../generators/index.ts';
import { DEFAULT_BUDGET, type Program } from '../../ir/program.ts';
import { setPythonVersion } from '../../port/version.ts';
import { sharedOracle } from '../_support/oracle.ts';

const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
const allFeatures = { swarm: false, features: { gather: true, taskMethods: true, cancel: true } };
const pools: PortPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

function pool(size: number, side: 'port' | 'native' = 'port'): PortPool {
  const p = new PortPool(size, side);
  pools.push(p);
  return p;
}

/** The programs whose results differ between the pool and the main thread (all sent at once: the threads share them out). */
async function differing(p: PortPool, side: LocalSide, programs: Program[]): Promise<number[]> {
  const threaded = await Promise.all(programs.map((program) => p.run(program, options)));
  const bad: number[] = [];
  for (const [k, program] of programs.entries()) if (!isDeepStrictEqual(threaded[k], await side.run(program, options))) bad.push(k);
  return bad;
}

describe('PortPool', () => {
  it('runs each program as the main thread does, seed 42 (port and native)', async () => {
    const programs = samplePrograms({ seed: 42, count: 120, constraints: allFeatures });
    expect(await differing(pool(2), portSide, programs)).toEqual([]);
    expect(await differing(pool(1, 'native'), nativeSide, programs.slice(0, 40))).toEqual([]);
  });

  it('runs each program as the main thread does, a random seed (printed)', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`port-pool seed: ${seed}`);
    expect(await differing(pool(2), portSide, samplePrograms({ seed, count: 120, constraints: allFeatures }))).toEqual([]);
  });

  it("runs under the caller's port version (port/version.ts is per thread)", async () => {
    const programs = samplePrograms({ seed: 42, count: 150, constraints: allFeatures });
    const threads = pool(1);
    const at311 = await Promise.all(programs.map((program) => threads.run(program, options)));
    setPythonVersion('3.12');
    try {
      expect(await differing(threads, portSide, programs)).toEqual([]);
      // The version reached the thread: some program's result changed with it.
      const at312 = await Promise.all(programs.map((program) => threads.run(program, options)));
      expect(at312.some((result, k) => !isDeepStrictEqual(result, at311[k]))).toBe(true);
    } finally {
      setPythonVersion(undefined);
    }
  });

  it('answers every run after close with a failure, never a pending promise', async () => {
    const threads = new PortPool(1);
    const [program] = samplePrograms({ seed: 42, count: 1 });
    await threads.close();
    expect(await threads.run(program, options)).toEqual({ failure: 'the port pool was closed' });
  });
});

describe('check with side threads', () => {
  it('judges as check on the main thread does, seed 42', async () => {
    const oracle = await sharedOracle();
    const run = (sideThreads: number) => runCheck({ runs: 300, seed: 42, clock: 'realistic', side: portSide, oracle, sideThreads, constraints: allFeatures });
    const [threaded, main] = [await run(2), await run(0)];
    expect(threaded.outcomes).toEqual(main.outcomes);
    expect(threaded.outcomes.same).toBeGreaterThan(0);
    expect(threaded.buckets.map((b) => [b.name, b.count])).toEqual(main.buckets.map((b) => [b.name, b.count]));
  });
});
