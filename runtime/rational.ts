/**
 * The double nearest to an exact rational, ties to even, subnormals included.
 *
 * CPython gets correctly rounded answers where JavaScript may not: `int / int` with big
 * operands (long_true_divide), and `float ** int` (glibc's pow is correctly rounded where
 * V8's `**` multiplies step by step: `2.5 ** -5` is 0.010239999999999999 in V8, 0.01024
 * in CPython). With m·2^e exact, both are ratios of BigInts.
 */

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** num / den (both > 0) as the nearest double; Infinity when it overflows. */
export function ratioToFloat(num: bigint, den: bigint): number {
  const k = bitLength(num) - bitLength(den); // result in [2^(k-1), 2^(k+1))
  if (k > 1025) return Infinity;
  if (k < -1080) return 0;
  if (k - 1 >= -1021) {
    // Normal range: take >= 55 quotient bits, fold the remainder into a sticky bit;
    // Number(bigint) then rounds once, correctly.
    const s = 55 - k;
    const scaledNum = s >= 0 ? num << BigInt(s) : num;
    const scaledDen = s >= 0 ? den : den << BigInt(-s);
    let q = scaledNum / scaledDen;
    if (scaledNum % scaledDen !== 0n) q |= 1n;
    // Exact power-of-two scalings of a normal double; in two steps when 2 ** -s itself would
    // underflow (s up to 1076 near the bottom of the normal range).
    return s > 1022 ? Number(q) * 2 ** (1022 - s) * 2 ** -1022 : Number(q) * 2 ** -s;
  }
  // Subnormal (or close): round num/den to a whole number of 2^-1074 units, half to even.
  const scaled = num << 1074n;
  let units = scaled / den;
  const twice = (scaled % den) * 2n;
  if (twice > den || (twice === den && (units & 1n) === 1n)) units += 1n;
  return Number(units) * 2 ** -1074;
}

const float64 = new Float64Array(1);
const bits = new BigUint64Array(float64.buffer);

/** |x| = mantissa · 2^exponent exactly (x finite, non-zero). */
export function decompose(x: number): { mantissa: bigint; exponent: number } {
  float64[0] = Math.abs(x);
  const raw = bits[0];
  const biased = Number(raw >> 52n);
  const fraction = raw & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Largest |n| for which `powInt` computes exactly (bigger ones fall back to `**`). */
const EXACT_POW_LIMIT = 1100;

/** x ** n for finite non-zero x and a whole n, correctly rounded (as glibc's pow). */
export function powInt(x: number, n: number): number {
  if (Math.abs(n) > EXACT_POW_LIMIT) return x ** n;
  const { mantissa, exponent } = decompose(x);
  const e = BigInt(n);
  const m = mantissa ** (e < 0n ? -e : e);
  const shift = exponent * n; // of the whole power of two
  let num = m;
  let den = 1n;
  if (n < 0) [num, den] = [den, num];
  if (shift >= 0) num <<= BigInt(shift);
  else den <<= BigInt(-shift);
  const magnitude = ratioToFloat(num, den);
  return x < 0 && Math.abs(n % 2) === 1 ? -magnitude : magnitude;
}
