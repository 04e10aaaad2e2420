/**
 * Exact decimal expansions of doubles, and round-half-even on them.
 *
 * Python rounds `format(x, '.2f')`, `round(x, n)` and friends on the *exact* binary value
 * with ties to even (Python/dtoa.c); JS `toFixed` breaks exact ties away from zero
 * (`(0.125).toFixed(2)` is `0.13`, Python says `0.12`). Every double is m·2^e, which is
 * exactly m·5^-e / 10^-e, so BigInt gives the exact digits cheaply.
 */

/** |x| = digits · 10^exponent exactly; `digits` has no trailing zeros unless it is 0. */
export interface ExactDecimal {
  digits: bigint;
  exponent: number;
}

const float64 = new Float64Array(1);
const bits = new BigUint64Array(float64.buffer);

/** The exact decimal value of |x| (x finite). */
export function exactDecimal(x: number): ExactDecimal {
  float64[0] = Math.abs(x);
  const raw = bits[0];
  const biased = Number(raw >> 52n);
  const fraction = raw & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  if (mantissa === 0n) return { digits: 0n, exponent: 0 };
  let digits: bigint;
  let exponent: number;
  if (exp2 >= 0) {
    digits = mantissa << BigInt(exp2);
    exponent = 0;
  } else {
    digits = mantissa * 5n ** BigInt(-exp2);
    exponent = exp2;
  }
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponent += 1;
  }
  return { digits, exponent };
}

/** Round `value / 10^drop` to an integer, ties to even (`drop` >= 0). */
export function roundHalfEven(value: bigint, drop: number): bigint {
  if (drop <= 0) return value * 10n ** BigInt(-drop);
  const unit = 10n ** BigInt(drop);
  const quotient = value / unit;
  const twice = (value % unit) * 2n;
  if (twice > unit || (twice === unit && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/**
 * |x| rounded to `places` digits after the point (negative: to tens, hundreds...),
 * as an integer count of 10^-places units.
 */
export function roundToPlaces(x: number, places: number): bigint {
  const { digits, exponent } = exactDecimal(x);
  return roundHalfEven(digits, -places - exponent);
}

/** Digit string of |x| with `places` (>= 0) digits after the point, half-even: `0.12`. */
export function fixedDigits(x: number, places: number): string {
  const units = roundToPlaces(x, places).toString();
  if (places === 0) return units;
  const padded = units.padStart(places + 1, '0');
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
}

/**
 * |x| rounded to `significant` (>= 1) digits, half-even: the digit string (exactly
 * `significant` long) and the decimal exponent of its first digit (x = d.ddd · 10^exp).
 */
export function significantDigits(x: number, significant: number): { digits: string; exp: number } {
  const { digits, exponent } = exactDecimal(x);
  if (digits === 0n) return { digits: '0'.repeat(significant), exp: 0 };
  const length = digits.toString().length;
  let rounded = roundHalfEven(digits, length - significant);
  let exp = length - 1 + exponent;
  let text = rounded.toString();
  if (text.length > significant) {
    // 9.99 -> 10.0: one more digit than asked; drop the (zero) last one.
    rounded /= 10n;
    text = rounded.toString();
    exp += 1;
  }
  return { digits: text, exp };
}
