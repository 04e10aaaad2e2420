/** `int / int` is rounded once, correctly, down to the smallest normal floats and below. */
import { describe, expect, it } from 'vitest';
import { py } from '../../runtime/index.ts';
import { mismatches, type DualCall } from './_cpython.ts';

const divide = (a: bigint, b: bigint): DualCall => ({ py: 'lambda a, b: a / b', args: [a, b], port: py.truediv });

describe('int / int near the bottom of the float range', () => {
  it('agrees with CPython where 2 ** -s alone would underflow (results in [2**-1022, 2**-1019))', async () => {
    const calls: DualCall[] = [];
    for (let shift = 1068n; shift <= 1080n; shift++) {
      for (const num of [6992547228125758n, 4503599627370497n, 9007199254740991n, 1n << 52n, 3n]) calls.push(divide(num, 1n << shift));
    }
    calls.push(divide(1n, 3n << 1020n), divide(7n, 5n << 1019n));
    expect(await mismatches(calls)).toEqual([]);
  });
});
