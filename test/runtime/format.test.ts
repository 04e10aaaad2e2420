import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonStringRepr } from '../../ir/python.ts';
import { py, type PyValue } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';
import { pyFloat, pyInt, pyStr } from './_arbitraries.ts';

/** Specs built from the grammar's parts, plus the ones tutorials write. */
const spec: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '<', '>', '^', '=', '*<', '0>', '-^', ' >'),
      fc.constantFrom('', '', '+', '-', ' '),
      fc.constantFrom('', '', 'z'),
      fc.constantFrom('', '', '#'),
      fc.constantFrom('', '', '0'),
      fc.constantFrom('', '', '1', '5', '8', '12'),
      fc.constantFrom('', '', ',', '_'),
      fc.constantFrom('', '', '.0', '.1', '.2', '.3', '.6', '.10', '.17'),
      fc.constantFrom('', 'd', 'f', 'F', 'e', 'E', 'g', 'G', 's', '%', 'x', 'X', 'o', 'b', 'n', 'c'),
    )
    .map((parts) => parts.join('')),
  fc.constantFrom('.2f', '>5', '<10', '^9', ',', '.1%', '08.3f', '+.2e', '5d', '.3g', '10', '.3', '#x', 'q', '5.5.5'),
);

const value: fc.Arbitrary<PyValue> = fc.oneof(pyInt, pyFloat, pyFloat, pyStr, fc.boolean(), fc.constant(null), fc.constant([1n]));

function formatCalls(seed: number): DualCall[] {
  // The spec is a literal: the subset's format() takes a static spec, as an f-string does.
  return fc.sample(fc.tuple(value, spec), { seed, numRuns: 6000 }).map(([v, s]) => ({
    py: `lambda v: format(v, ${pythonStringRepr(s)})`,
    args: [v],
    port: ((x: PyValue) => py.format(x, s)) as DualCall['port'],
  }));
}

describe('format() matches CPython', () => {
  it('fixed examples', () => {
    expect(py.format(3.14159, '.2f')).toBe('3.14');
    expect(py.format(0.125, '.2f')).toBe('0.12');
    expect(py.format(1234567n, ',')).toBe('1,234,567');
    expect(py.format(1234n, '010,')).toBe('00,001,234');
    expect(py.format('ab', '^6')).toBe('  ab  ');
    expect(py.format(0.5, '.0%')).toBe('50%');
    expect(() => py.format(null, '>5')).toThrow('unsupported format string passed to NoneType.__format__');
  });

  it('random values and specs (seed 42)', async () => {
    expect((await mismatches(formatCalls(42))).slice(0, 10)).toEqual([]);
  });

  it('random values and specs (random seed)', async () => {
    expect((await mismatches(formatCalls(randomSeed('format')))).slice(0, 10)).toEqual([]);
  });
});

describe('format() regressions found by the random runs', () => {
  it("'0' on a str pads with zeros on the right (no '=' alignment)", () => {
    expect(py.format('jYE', '08.6')).toBe('jYE00000');
  });
});
