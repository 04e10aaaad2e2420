/**
 * The waiter features (generators/_internals/features/sync.ts and queues.ts, issue 9 item 2):
 * their forms all show in a default (swarm) run, and the port's plausible simplifications of
 * the order waiters wake in (port/_mutations.ts) are each caught by some generated program:
 * with the switch on, the port's trace differs from CPython's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOnOracle, portSide } from '../../compare/sides.ts';
import { samplePrograms, type ProgramConstraints } from '../../generators/index.ts';
import { DEFAULT_BUDGET, type Program, type RunResult } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { withMutation, type Mutations } from '../../port/_mutations.ts';
import { observable } from '../_support/observable.ts';
import { sharedOracle } from '../_support/oracle.ts';

const WAITERS_ON: ProgramConstraints = { features: { syncPrimitives: true, queues: true, createTask: true, sleep: true } };

describe('the waiter forms in a default (swarm) run', () => {
  it('seed 42, 1000 programs: every primitive, every release and every queue call shows', () => {
    const sources = samplePrograms({ seed: 42, count: 1000 }).map(printPython).join('\n');
    const forms = [
      // Event: waiters, set, set-then-clear; Lock: holders, held first, taken twice
      'await ev', '.set()', '.clear()', 'async with lock', '.acquire()', '.release()', "'again'",
      // Condition: each first round, the predicate, each second round
      '.wait()', '.notify()', '.notify(2)', '.wait_for(lambda: box', '.notify_all()',
      // Semaphores, the bounded one released once too often
      'asyncio.Semaphore(1)', 'asyncio.Semaphore(2)', 'asyncio.BoundedSemaphore(', 'except ValueError as e',
      // Queues: each kind, blocking put and get, the nowait calls and their exceptions, join
      'asyncio.Queue(1)', 'asyncio.PriorityQueue(2)', 'asyncio.LifoQueue(', 'await q', '.task_done()', '.put_nowait(',
      '.get_nowait()', 'except asyncio.QueueFull as e', 'except asyncio.QueueEmpty as e', '.join()', '.qsize()', '.full()', '.empty()',
      '= [asyncio.create_task(consumer', '= [asyncio.create_task(waiter', '= [asyncio.create_task(holder', 'await asyncio.gather(*',
    ];
    for (const form of forms) expect(sources, form).toContain(form);
  });
});

describe('the size of a waiter statement', () => {
  it('one skeleton statement lowers to at most 14 statements of its function (a queue used alone is the largest)', () => {
    for (const features of [{ syncPrimitives: true, queues: false }, { syncPrimitives: false, queues: true }]) {
      for (const createTask of [true, false]) {
        const programs = samplePrograms({ seed: 42, count: 200, constraints: { maxFunctions: 1, maxStatements: 1, swarm: false, features: { ...features, createTask } } });
        const sizes = programs.map((p) => p.functions[0].body.length);
        expect(Math.max(...sizes), JSON.stringify({ features, createTask })).toBeLessThanOrEqual(14);
        expect(Math.max(...sizes)).toBeGreaterThanOrEqual(5);
      }
    }
  });
});

describe('a simplified port is caught by generated waiter programs', () => {
  let programs: Program[];
  let expected: RunResult[];
  const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };

  beforeAll(async () => {
    // Only the programs that use a primitive: the others cannot tell the switches apart.
    programs = samplePrograms({ seed: 42, count: 150, constraints: WAITERS_ON }).filter((p) => /= asyncio\.(Event|Lock|Condition|Semaphore|BoundedSemaphore|Queue|PriorityQueue|LifoQueue)\(/.test(printPython(p)));
    const oracle = await sharedOracle();
    expected = await Promise.all(programs.map(async (p) => {
      const r = await runOnOracle(oracle, p, options);
      if (!('trace' in r)) throw new Error(`CPython failed: ${JSON.stringify(r)}`);
      return r;
    }));
  }, 120_000);

  it('the faithful port agrees with CPython on every one of them', async () => {
    expect(programs.length).toBeGreaterThan(60);
    for (let i = 0; i < programs.length; i++) expect(observable(await portSide.run(programs[i], options)), printPython(programs[i])).toEqual(observable(expected[i]));
  }, 120_000);

  it.each<keyof Mutations>(['lockBarging', 'notifyWakesAll', 'semaphoreNoHandoff', 'syncDoneCallbacks'])('%s is caught', async (mutation) => {
    const differing: number[] = [];
    await withMutation(mutation, async () => {
      for (let i = 0; i < programs.length; i++) {
        const got = await portSide.run(programs[i], options);
        if (JSON.stringify(observable(got)) !== JSON.stringify(observable(expected[i]))) differing.push(i);
      }
    });
    console.log(`${mutation}: caught by ${differing.length} of ${programs.length} generated programs (#${differing.slice(0, 5).join(', #')})`);
    expect(differing.length).toBeGreaterThan(0);
  }, 120_000);
});
