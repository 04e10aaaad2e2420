/** fast-check arbitraries for Python values, biased towards what tutorials and edge cases use. */
import fc from 'fast-check';
import { py, type PyValue } from '../../runtime/index.ts';

/** Floats: any double (NaN, ±inf, ±0, subnormals), short decimals, integral, tiny/huge. */
export const pyFloat: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -100000, max: 100000 }).chain((n) => fc.integer({ min: 0, max: 6 }).map((k) => n / 10 ** k)),
  fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5),
  fc.integer({ min: -20, max: 20 }).map((n) => n * 1.0),
  fc.integer({ min: -330, max: 310 }).chain((e) => fc.double({ min: 1, max: 10, noNaN: true }).map((m) => m * 10 ** e)),
  fc.constantFrom(0.1, 0.2, 0.3, 1e16, 1e15, 9999999999999998.0, 123456789012345.0, 1e-4, 1e-5, 0.5, 2.5, 2.675, 0.125, -0.0, 5e-324),
);

export const pyInt: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -20n, max: 20n }),
  fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
);

export const pyNumber: fc.Arbitrary<PyValue> = fc.oneof(pyInt, pyFloat, fc.boolean());

export const pyStr: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("it's", 'say "hi"', `both ' and "`, 'tab\there', 'new\nline', 'back\\slash', '\x00\x7f\x80\xa0', 'é', '😀', '\u2028', '\ud800'),
);

/** Any scalar, list or tuple (small). */
export const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pyNumber,
    pyStr,
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => py.tup(...items)),
  ),
})).value;

