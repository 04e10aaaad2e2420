/**
 * dict against CPython through the product's oracle: insertion order through sets, deletes
 * and re-inserts, keys equal across int/float/bool (the first key object kept), the methods,
 * the views' reprs and equality. Runtime: runtime/dict.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { py, type PyValue } from '../../runtime/index.ts';
import { callMethod } from '../../runtime/sequences.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';

const key: fc.Arbitrary<PyValue> = fc.oneof(
  fc.bigInt({ min: -3n, max: 6n }),
  fc.constantFrom('a', 'b', 'spam', ''),
  fc.constantFrom(1.0, 2.5, -0.0, true, false),
  fc.tuple(fc.bigInt({ min: 0n, max: 2n }), fc.constantFrom('x', 'y')).map(([a, b]) => py.tup(a, b)),
);

/** (op, k, v): 0 d[k] = v, 1 d.pop(k, None), 2 d.setdefault(k, v). */
const opsArb = fc.array(fc.tuple(fc.constantFrom(0n, 0n, 1n, 2n), key, fc.bigInt({ min: 0n, max: 99n })), { maxLength: 40 });

const OPS_LAMBDA =
  'lambda ops: (d := {}, [(d.update({k: v}) if op == 0 else (d.pop(k, None) if op == 1 else d.setdefault(k, v))) for op, k, v in ops], d, list(d.items()), d.keys(), d.values(), len(d), d == dict(d.items()))[2:]';

function runOps(ops: PyValue): PyValue {
  const d = py.dict();
  for (const op of ops as PyValue[]) {
    const [k, key, v] = (op as ReturnType<typeof py.tup>).items;
    if (k === 0n) callMethod(d, 'update', py.dictDisplay(key, v));
    else if (k === 1n) callMethod(d, 'pop', key, null);
    else callMethod(d, 'setdefault', key, v);
  }
  return py.tup(d, py.list(callMethod(d, 'items')), callMethod(d, 'keys'), callMethod(d, 'values'), py.len(d), py.eq(d, py.dict(callMethod(d, 'items'))));
}

function calls(seed: number): DualCall[] {
  return fc.sample(opsArb, { seed, numRuns: 100 }).map((ops) => ({
    py: OPS_LAMBDA,
    args: [ops.map(([op, k, v]) => py.tup(op, k, v))],
    port: runOps,
  }));
}

describe('dict: order, keys and methods as CPython 3.11', () => {
  it('random inserts, pops and setdefaults (seed 42)', async () => {
    expect((await mismatches(calls(42))).slice(0, 5)).toEqual([]);
  });

  it('random inserts, pops and setdefaults (random seed)', async () => {
    expect((await mismatches(calls(randomSeed('dict')))).slice(0, 5)).toEqual([]);
  });

  it('errors: a missing key, popitem of an empty dict, bad update sequences', async () => {
    const cases: DualCall[] = [
      { py: 'lambda: {}.popitem()', args: [], port: () => callMethod(py.dict(), 'popitem') },
      { py: 'lambda xs: dict(xs)', args: [[py.tup(1n, 2n, 3n)]], port: (xs) => py.dict(xs) },
      { py: 'lambda xs: dict(xs)', args: [[1n]], port: (xs) => py.dict(xs) },
      { py: 'lambda: {[1]: 2}', args: [], port: () => py.dictDisplay([1n], 2n) },
      { py: 'lambda: {1: 2}.get()', args: [], port: () => callMethod(py.dict(), 'get') },
    ];
    expect(await mismatches(cases)).toEqual([]);
  });
});
