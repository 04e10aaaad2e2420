/**
 * port/heapq.ts against the oracle's heapq (the C `_heapq` CPython's loop really uses) on
 * random push/pop/heapify sequences with many equal keys: the order of equal items must
 * be the same, since that is the loop's timer tie order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeapqOp as Op } from '../../oracle/pool.ts';
import { heapify, heappop, heappush } from '../../port/heapq.ts';
import { sharedOracle } from '../_support/oracle.ts';

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), key: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('heapify' as const), keys: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 40 }) }),
  },
);
const caseArb = fc.array(opArb, { maxLength: 120 });

interface Item {
  key: number;
  id: number;
}
const lt = (a: Item, b: Item): boolean => a.key < b.key;

function runPort(ops: Op[]): [number[], number[]] {
  let heap: Item[] = [];
  const popped: number[] = [];
  let n = 0;
  for (const o of ops) {
    if (o.op === 'push') heappush(heap, { key: o.key, id: n++ }, lt);
    else if (o.op === 'pop') {
      if (heap.length > 0) popped.push(heappop(heap, lt).id);
    } else {
      heap = o.keys.map((key, i) => ({ key, id: n + i }));
      n += o.keys.length;
      heapify(heap, lt);
    }
  }
  return [popped, heap.map((it) => it.id)];
}

async function compareBatch(seed: number, numRuns: number): Promise<void> {
  const cases = fc.sample(caseArb, { seed, numRuns });
  // The oracle's heapq (its `heapq` test hook): items compare by key only; ids show where equal keys went.
  const expected = await (await sharedOracle()).heapqTrace(cases);
  cases.forEach((ops, i) => expect(runPort(ops), `case ${i} of seed ${seed}`).toEqual(expected[i]));
}

describe('heapq matches CPython heapq', () => {
  it('on 500 random sequences (seed 42, pinned)', async () => {
    await compareBatch(42, 500);
  });

  it('on 500 random sequences (random seed)', async () => {
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`heapq random seed: ${seed}`);
    await compareBatch(seed, 500);
  });

  it('5 and 12 equal pushes pop in the measured orders', () => {
    for (const [n, order] of [
      [5, [0, 2, 4, 1, 3]],
      [12, [0, 2, 6, 11, 10, 9, 8, 5, 7, 4, 1, 3]],
    ] as const) {
      const heap: Item[] = [];
      for (let i = 0; i < n; i++) heappush(heap, { key: 0, id: i }, lt);
      const out: number[] = [];
      while (heap.length) out.push(heappop(heap, lt).id);
      expect(out).toEqual(order);
    }
  });
});
