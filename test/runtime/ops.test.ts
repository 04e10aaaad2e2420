import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { py, repr, type PyValue } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';
import { pyInt, pyNumber, pyValue } from './_arbitraries.ts';

type Binary = (a: PyValue, b: PyValue) => PyValue;
const BINARY: Array<[string, Binary]> = [
  ['a + b', py.add], ['a - b', py.sub], ['a * b', py.mul], ['a / b', py.truediv], ['a // b', py.floordiv],
  ['a % b', py.mod], ['a == b', py.eq], ['a != b', py.ne], ['a < b', py.lt], ['a <= b', py.le], ['a > b', py.gt],
  ['a >= b', py.ge],
];

/**
 * Exponents stay small so int ** int terminates quickly on both sides. Float exponents are
 * whole or fractional: the port runs glibc's pow bit for bit (runtime/pow.ts, tested at
 * length in pow.test.ts).
 */
const smallExponent = fc.oneof(
  fc.bigInt({ min: -5n, max: 40n }),
  fc.integer({ min: -30, max: 30 }).map((k) => k * 1.0),
  fc.double({ min: -30, max: 30, noNaN: true }),
  fc.boolean(),
);

function arithmeticCalls(seed: number): DualCall[] {
  const pairs = fc.sample(fc.tuple(pyNumber, pyNumber), { seed, numRuns: 2500 });
  const mixed = fc.sample(fc.tuple(pyValue, pyValue), { seed, numRuns: 800 });
  const divisions = fc.sample(fc.tuple(pyInt, fc.oneof(pyInt, fc.bigInt({ min: -3n, max: 3n }))), { seed, numRuns: 500 });
  const powers = fc.sample(fc.tuple(fc.oneof(pyNumber, fc.constantFrom(0n, 0.0, -1n, -2.5)), smallExponent), { seed, numRuns: 800 });
  const calls: DualCall[] = [];
  // Sequence repetition by a huge int would make CPython allocate gigabytes.
  const isSeq = (v: PyValue): boolean => typeof v === 'string' || Array.isArray(v) || v instanceof py.tup().constructor;
  const isBig = (v: PyValue): boolean => typeof v === 'bigint' && (v > 1000n || v < -1000n);
  for (const [a, b] of [...pairs, ...mixed]) {
    for (const [src, fn] of BINARY) {
      if (src === 'a * b' && ((isSeq(a) && isBig(b)) || (isSeq(b) && isBig(a)))) continue;
      calls.push({ py: `lambda a, b: ${src}`, args: [a, b], port: fn as DualCall['port'] });
    }
  }
  for (const [a, b] of divisions) {
    calls.push({ py: 'lambda a, b: a // b', args: [a, b], port: py.floordiv as DualCall['port'] });
    calls.push({ py: 'lambda a, b: a % b', args: [a, b], port: py.mod as DualCall['port'] });
  }
  // A finite negative base to a fractional power: CPython answers a complex number, the port
  // (which has no complex type) raises TypeError, or OverflowError where CPython does too.
  // Compared as such, so the limit stays visible.
  const complexResult = (a: PyValue, b: PyValue): boolean => {
    const base = typeof a === 'number' ? a : typeof a === 'bigint' ? Number(a) : typeof a === 'boolean' ? Number(a) : NaN;
    return Number.isFinite(base) && base < 0 && typeof b === 'number' && Number.isFinite(b) && !Number.isInteger(b);
  };
  const portRefusesComplex = (a: PyValue, b: PyValue): PyValue => {
    try {
      return `no error: ${repr(py.pow(a, b))}`;
    } catch (error) {
      if (error instanceof Error && error.message.includes('complex result')) return true;
      throw error; // an overflow raises on both sides: compared as `Type: message`
    }
  };
  for (const [a, b] of powers) {
    if (complexResult(a, b)) calls.push({ py: "lambda a, b: 'j' in repr(a ** b)", args: [a, b], port: portRefusesComplex as DualCall['port'] });
    else calls.push({ py: 'lambda a, b: a ** b', args: [a, b], port: py.pow as DualCall['port'] });
  }
  for (const [a, b] of mixed) {
    calls.push({ py: 'lambda a, b: a in b', args: [a, b], port: ((x: PyValue, c: PyValue) => py.contains(c, x)) as DualCall['port'] });
    calls.push({ py: 'lambda a: -a', args: [a], port: py.neg as DualCall['port'] });
    calls.push({ py: 'lambda a: bool(a)', args: [a], port: py.truthy as DualCall['port'] });
  }
  const templates = fc.sample(
    fc.tuple(fc.constantFrom('%s', '%r', '%d', '%5d', '%-5d|', '%05d', '%+d', '%x', '%#o', '%.2f', '%8.3f', '%e', '%g', '%10s|', '%-6s|', '%.2s', '%c', '%%', 'n=%d, x=%s', '%s and %s', 'plain'), fc.oneof(pyValue, pyNumber)),
    { seed, numRuns: 800 },
  );
  for (const [t, v] of templates) calls.push({ py: 'lambda a, b: a % b', args: [t, v], port: py.mod as DualCall['port'] });
  return calls;
}

describe('operators match CPython', () => {
  it('fixed examples', () => {
    expect(py.floordiv(-7n, 2n)).toBe(-4n);
    expect(py.mod(-7n, 2n)).toBe(1n);
    expect(py.mod(7.5, -2n)).toBe(-0.5);
    expect(py.pow(2n, -1n)).toBe(0.5);
    expect(() => py.truediv(1n, 0n)).toThrow('division by zero');
    expect(() => py.add(1n, 'a')).toThrow("unsupported operand type(s) for +: 'int' and 'str'");
    expect(() => py.add('a', 1n)).toThrow('can only concatenate str (not "int") to str');
    expect(py.eq([1n, py.tup(2.0)], [1.0, py.tup(2n)])).toBe(true);
    expect(py.eq(2n ** 53n + 1n, 2 ** 53)).toBe(false);
    // Only a bare %% is a literal (random seed 1519030084 found 'p%+%p' % None).
    expect(py.mod('%%', py.tup())).toBe('%');
    expect(() => py.mod('p%+%p', 1n)).toThrow("unsupported format character '%' (0x25) at index 3");
    expect(() => py.mod('%5%', py.tup())).toThrow('not enough arguments for format string');
    // `%(` wants a mapping, checked before any argument is taken (random seed 1506216392 found 'F%(8B' % a tuple).
    expect(() => py.mod('F%(8B', py.tup(1n, 2n))).toThrow('format requires a mapping');
    expect(() => py.mod('%d %(a)s', py.tup(1n))).toThrow('format requires a mapping');
    expect(() => py.mod('F%(8B', [1n])).toThrow('incomplete format key');
    expect(() => py.mod('%(a(b)c)s', [1n])).toThrow('list indices must be integers or slices, not str');
  });

  it('random arithmetic, comparisons and errors (seed 42)', async () => {
    expect((await mismatches(arithmeticCalls(42))).slice(0, 10)).toEqual([]);
  });

  it('random arithmetic, comparisons and errors (random seed)', async () => {
    expect((await mismatches(arithmeticCalls(randomSeed('ops')))).slice(0, 10)).toEqual([]);
  });
});
