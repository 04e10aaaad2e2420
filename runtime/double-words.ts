/**
 * The two 32-bit halves of a double, as glibc's libm code reads them (`asuint64(x) >> 32`,
 * `u.i[HIGH_HALF]`) and writes them back (`asdouble`): shared by the ports of libm's pow,
 * log, exp, sin and cos (pow.ts, libm-*.ts).
 */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Index of the low 32 bits of a double in `words` (every platform Node runs on is little-endian). */
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

/** The high 32 bits of x: sign, exponent and the top 20 bits of the fraction. */
export function highWord(x: number): number {
  scratch[0] = x;
  return words[HI];
}

/** The low 32 bits of x's fraction. */
export function lowWord(x: number): number {
  scratch[0] = x;
  return words[LO];
}

/** `asdouble` of the 64-bit integer hi * 2^32 + lo. */
export function fromWords(hi: number, lo: number): number {
  words[HI] = hi;
  words[LO] = lo;
  return scratch[0];
}
