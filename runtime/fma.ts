/**
 * Fused multiply-add, `a * b + c` rounded once (to nearest, ties to even): what C's `fma()`
 * and the x86-64 FMA3 instructions (`vfmadd...sd`) compute. JavaScript has no `Math.fma`,
 * and glibc's pow (see pow.ts) executes nineteen of them on CPUs with FMA, so the port
 * needs them exact to reproduce CPython's `**` bit for bit.
 *
 * In the range where nothing overflows or underflows (every double a program's pow meets)
 * it is computed in doubles: Dekker's exact product, Knuth's TwoSum, and one addition
 * rounded to odd (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved
 * algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008, Algorithm 5).
 * Elsewhere the exact sum is formed in BigInt and rounded once.
 */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Index of the low 32 bits of a double in `words` (every platform Node runs on is little-endian). */
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** Beyond these magnitudes the double-only path could overflow or lose bits to underflow. */
const SAFE_MAX = 2 ** 900;
const SAFE_MIN = 2 ** -900;

/** fma(a, b, c): the exact a * b + c, rounded once to the nearest double (ties to even). */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b + c; // a*b is exactly ±inf or NaN
  if (!Number.isFinite(c)) return c; // a finite product cannot change an infinite c
  if (a === 0 || b === 0) return a * b + c; // exact product: IEEE's signed-zero rules apply
  const p = a * b;
  const ap = Math.abs(p);
  const ac = Math.abs(c);
  const aa = Math.abs(a);
  const ab = Math.abs(b);
  if (ap < SAFE_MIN || ap > SAFE_MAX || ac > SAFE_MAX || aa < SAFE_MIN || aa > SAFE_MAX || ab < SAFE_MIN || ab > SAFE_MAX) {
    return fmaExact(a, b, c);
  }
  // Dekker: p + e === a * b exactly.
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
  if (e === 0) return p + c; // the product is a double: one rounding, in the addition
  // TwoSum: th + tl === c + p exactly.
  const th = c + p;
  const bv = th - c;
  const tl = (c - (th - bv)) + (p - bv);
  // v = tl + e rounded to odd; then th + v rounds to the nearest of the exact sum.
  return th + addRoundToOdd(tl, e);
}

/** x + y rounded to odd: the exact sum if it is a double, else its neighbour with an odd last bit. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bv = s - x;
  const err = (x - (s - bv)) + (y - bv);
  if (err === 0) return s;
  scratch[0] = s;
  if ((words[LO] & 1) === 1) return s;
  // s is even and inexact: step one unit in the last place toward the exact sum.
  const awayFromZero = s > 0 === err > 0;
  if (awayFromZero) {
    words[LO] = (words[LO] + 1) >>> 0;
    if (words[LO] === 0) words[HI] += 1;
  } else {
    if (words[LO] === 0) words[HI] -= 1;
    words[LO] = (words[LO] - 1) >>> 0;
  }
  return scratch[0];
}

/** |x| = mantissa * 2^exponent, x finite and non-zero. */
function decompose(x: number): [bigint, number] {
  scratch[0] = x;
  const hi = words[HI] & 0x7fffffff;
  const biased = hi >>> 20;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(words[LO]);
  return biased === 0 ? [fraction, -1074] : [fraction | (1n << 52n), biased - 1075];
}

/** The nearest double to n * 2^e (ties to even), subnormals and overflow included. */
export function roundScaled(n: bigint, e: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  const m = negative ? -n : n;
  const length = m.toString(2).length;
  // Exponent of the last kept bit: 53 significant bits, but never below 2^-1074.
  const last = Math.max(length + e - 53, -1074);
  let result: number;
  if (last <= e) {
    result = Number(m) * 2 ** e; // m has at most 53 bits: exact
  } else {
    const shift = BigInt(last - e);
    let q = m >> shift;
    const rest = m - (q << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
    result = last > 1023 ? Infinity : Number(q) * 2 ** last; // exact, or overflows to Infinity
  }
  return negative ? -result : result;
}

/** fma for finite, non-zero a and b, through the exact BigInt sum. */
function fmaExact(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const product = (a < 0) !== (b < 0) ? -(ma * mb) : ma * mb;
  const ep = ea + eb;
  if (c === 0) return roundScaled(product, ep) || (product < 0n ? -0 : 0);
  const [mc0, ec] = decompose(c);
  const mc = c < 0 ? -mc0 : mc0;
  const e = Math.min(ep, ec);
  const sum = (product << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return roundScaled(sum, e); // an exact zero sum is +0 when rounding to nearest
}
