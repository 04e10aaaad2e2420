import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatRepr, py, repr, str } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';
import { pyFloat, pyStr, pyValue } from './_arbitraries.ts';

function reprCalls(seed: number): DualCall[] {
  const floats = fc.sample(pyFloat, { seed, numRuns: 3000 });
  const strs = fc.sample(pyStr, { seed, numRuns: 500 });
  const values = fc.sample(pyValue, { seed, numRuns: 1000 });
  return [
    ...floats.map((x) => ({ py: 'lambda x: repr(x)', args: [x], port: (v: unknown) => floatRepr(v as number) })),
    ...floats.map((x) => ({ py: 'lambda x: str(x)', args: [x], port: (v: unknown) => py.str(v as number) })),
    ...strs.map((s) => ({ py: 'lambda s: repr(s)', args: [s], port: (v: unknown) => repr(v) })),
    ...values.map((v) => ({ py: 'lambda v: str(v)', args: [v], port: (x: unknown) => str(x) })),
  ] as DualCall[];
}

describe('repr and str match CPython', () => {
  it('fixed examples', () => {
    expect([1.0, 0.1, 1e-6, 0.1 + 0.2, 1e16, 123456789012345.0, Infinity, -Infinity, NaN, -0].map(floatRepr)).toEqual([
      '1.0', '0.1', '1e-06', '0.30000000000000004', '1e+16', '123456789012345.0', 'inf', '-inf', 'nan', '-0.0',
    ]);
    expect(str(py.tup(1n))).toBe('(1,)');
    expect(str([1n, 'a', py.tup(), null, true])).toBe("[1, 'a', (), None, True]");
    expect(repr("it's")).toBe(`"it's"`);
    expect(str(py.range(3n))).toBe('range(0, 3)');
  });

  it('random floats, strings, lists and tuples (seed 42)', async () => {
    expect((await mismatches(reprCalls(42))).slice(0, 10)).toEqual([]);
  });

  it('random floats, strings, lists and tuples (random seed)', async () => {
    expect((await mismatches(reprCalls(randomSeed('repr')))).slice(0, 10)).toEqual([]);
  });
});
