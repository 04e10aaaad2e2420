/**
 * C's `log(double)` as CPython 3.11's math.log calls it on this project's machines: a port of
 * glibc 2.36's sysdeps/ieee754/dbl-64/e_log.c (Arm's optimized-routines), with the tables of
 * libm_data.ts, in the two x86-64 builds pow.ts describes (the ifunc of
 * sysdeps/x86_64/fpu/multiarch/e_log.c picks `__log_fma` on CPUs with FMA and AVX2, else
 * `__log_sse2`/`__log_avx`, the same generic C; `__log_fma4` is not ported).
 *
 * The FMA build takes e_log.c's `__FP_FAST_FMA` path (r = fma(z, invc, -1), no tab2) and GCC
 * contracted most other `a * b + c`. Which ones was read off the disassembly of Debian's
 * libm.so.6 (2.36-9+deb12u14: `__log_fma` is the first candidate of the ifunc resolver behind
 * the exported `log`, at 0x6eda0): every fused operation is written `fma(...)` below, in the
 * operand order of its vfmadd, every other one rounds on its own. The generic build is the C.
 * Measured against both builds of that libm called directly (scripts/libm-probe.c).
 *
 * Only the value is ported, not errno: math.log refuses x <= 0 before calling log (math.ts).
 */
import { fromWords, highWord, lowWord } from './double-words.ts';
import { fma } from './fma.ts';
import { LOG_LN2HI as LN2HI, LOG_LN2LO as LN2LO, LOG_POLY, LOG_POLY1, LOG_TAB, LOG_TAB2 } from './libm_data.ts';
import { libmBuild, type PowBuild } from './libm-build.ts';

const [A0, A1, A2, A3, A4] = LOG_POLY;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = LOG_POLY1;
const LOG_TABLE_BITS = 7;
/** OFF = 0x3fe6000000000000: its low word is zero. */
const OFF_HI = 0x3fe60000;
/** asuint64(1.0 - 0x1p-4) and asuint64(1.0 + 0x1.09p-4): their low words are zero. */
const NEAR_ONE_LO_HI = 0x3fee0000;
const NEAR_ONE_HI_HI = 0x3ff10900;

/** e_log.c's path for x within 1 - 0x1p-4 .. 1 + 0x1.09p-4 (x != 1), where log(c) would lose bits. */
function logNearOne(x: number, build: PowBuild): number {
  const r = x - 1.0;
  const r2 = r * r;
  const r3 = r * r2;
  if (build === 'fma') {
    const p = fma(
      fma(fma(r3, B10, fma(r2, B9, fma(r, B8, B7))), r3, fma(r2, B6, fma(r, B5, B4))),
      r3,
      fma(r2, B3, fma(r, B2, B1)),
    );
    // w = r * 0x1p27; rhi = r + w - w, both fused (w is exact, so only r + w rounds).
    const rhi = fma(-(2 ** 27), r, fma(r, 2 ** 27, r));
    const rlo = r - rhi;
    const rhi2 = rhi * rhi;
    const hi = fma(rhi2, B0, r); // B[0] == -0.5
    let lo = fma(rhi2, B0, r - hi);
    lo = fma(B0 * rlo, rhi + r, lo);
    return hi + fma(p, r3, lo);
  }
  let y = r3 * (B1 + r * B2 + r2 * B3 + r3 * (B4 + r * B5 + r2 * B6 + r3 * (B7 + r * B8 + r2 * B9 + r3 * B10)));
  // Worst-case error is around 0.507 ULP.
  let w = r * 2 ** 27;
  const rhi = r + w - w;
  const rlo = r - rhi;
  w = rhi * rhi * B0;
  const hi = r + w;
  let lo = r - hi + w;
  lo += B0 * rlo * (rhi + r);
  y += lo;
  y += hi;
  return y;
}

/** Ports glibc 2.36 e_log.c __log (the value of C's `log(x)`), in the given build; by default libmBuild(). */
export function glibcLog(x: number, build: PowBuild = libmBuild()): number {
  let ixHi = highWord(x);
  let ixLo = lowWord(x);
  if (ixHi >= NEAR_ONE_LO_HI && ixHi < NEAR_ONE_HI_HI) {
    if (x === 1) return 0;
    return logNearOne(x, build);
  }
  const top = ixHi >>> 16;
  if (((top - 0x0010) >>> 0) >= 0x7ff0 - 0x0010) {
    // x < 0x1p-1022 or inf or nan.
    if (x === 0) return -Infinity; // __math_divzero (1)
    if (x === Infinity) return x;
    if (top & 0x8000 || (top & 0x7ff0) === 0x7ff0) return NaN; // __math_invalid
    // x is subnormal: normalise it.
    const normal = x * 2 ** 52;
    ixHi = (highWord(normal) - (52 << 20)) >>> 0;
    ixLo = lowWord(normal);
  }
  // x = 2^k z, z in [OFF, 2*OFF) and exact; the range is split into N subintervals and
  // the ith one holds z, with c near its centre.
  const tmpHi = (ixHi - OFF_HI) | 0; // tmp = ix - OFF, as int64: its high word, signed
  const i = (tmpHi >>> (52 - LOG_TABLE_BITS - 32)) % (1 << LOG_TABLE_BITS);
  const kd = tmpHi >> 20; // arithmetic shift
  const z = fromWords((ixHi - (tmpHi & 0xfff00000)) >>> 0, ixLo);
  const invc = LOG_TAB[2 * i];
  const logc = LOG_TAB[2 * i + 1];
  if (build === 'fma') {
    // log(x) = log1p(z/c-1) + log(c) + k*Ln2; r ~= z/c - 1, |r| < 1/(2*N).
    const r = fma(z, invc, -1.0);
    const w = fma(kd, LN2HI, logc);
    const hi = w + r;
    const lo = fma(kd, LN2LO, w - hi + r);
    const r2 = r * r;
    const r3 = r * r2;
    return fma(r3, fma(fma(r, A4, A3), r2, fma(r, A2, A1)), fma(r2, A0, lo)) + hi;
  }
  const r = (z - LOG_TAB2[2 * i] - LOG_TAB2[2 * i + 1]) * invc;
  const w = kd * LN2HI + logc;
  const hi = w + r;
  const lo = w - hi + r + kd * LN2LO;
  const r2 = r * r;
  return lo + r2 * A0 + r * r2 * (A1 + r * A2 + r2 * (A3 + r * A4)) + hi;
}
