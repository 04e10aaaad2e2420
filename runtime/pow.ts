/**
 * C's `pow(double, double)` as CPython 3.11's float_pow calls it on this project's machines:
 * a port of glibc 2.36's sysdeps/ieee754/dbl-64/e_pow.c (Arm's optimized-routines), with
 * the tables of pow_data.ts.
 *
 * x86-64 glibc compiles that file several times and picks one build when libm loads
 * (sysdeps/x86_64/fpu/multiarch/e_pow.c, ifunc-fma4.h):
 * - `__ieee754_pow_fma`, built with -mfma -mavx2, on CPUs with FMA and AVX2. It takes the
 *   `__FP_FAST_FMA` paths, and GCC also fused ("contracted") most other `a * b + c` into
 *   one vfmadd. Which ones was read off the disassembly of Debian's libm.so.6 (2.36-9):
 *   every fused operation below is written `fma(...)`, every other one rounds on its own.
 * - `__ieee754_pow_sse2`, the generic C (SSE2 has no FMA, so nothing is fused).
 * - `__ieee754_pow_fma4`, for AMD CPUs of 2011-2012 with FMA4 but no FMA3: not ported (GCC
 *   fused 21 operations there, not 19); such a machine gets the generic build.
 * The FMA and generic builds differ in the last bit of some results (measured: 287 of
 * 479,485 random fractional powers, about 1 in 1,700), so the port runs the build this
 * machine's CPython runs: chosen from /proc/cpuinfo's `fma` and `avx2` flags on x86-64
 * Linux, the FMA build elsewhere (runtime/libm-build.ts; powBuild for comparing with another CPython).
 *
 * Only the value is ported, not errno: float_pow derives OverflowError from an infinite
 * result (_Py_ADJUST_ERANGE1), and an underflow to zero is no error to it.
 */
import { fromWords, highWord, lowWord } from './double-words.ts';
import { fma } from './fma.ts';
import { powBuild, type PowBuild } from './libm-build.ts';
import {
  EXP_POLY,
  EXP_SBITS_HI,
  EXP_SBITS_LO,
  EXP_TABLE_BITS,
  EXP_TAIL,
  INVC,
  INV_LN2_N,
  LN2HI,
  LN2LO,
  LOGC,
  LOGCTAIL,
  NEG_LN2_HI_N,
  NEG_LN2_LO_N,
  POW_LOG_POLY,
  POW_LOG_TABLE_BITS,
  SHIFT,
} from './pow_data.ts';

// ------------------------------------------------------------------ log_inline

const N_LOG = 1 << POW_LOG_TABLE_BITS;
/** OFF = 0x3fe6955500000000: its low word is zero. */
const OFF_HI = 0x3fe69555;
const [A0, A1, A2, A3, A4, A5, A6] = POW_LOG_POLY;

/** The second result of logInline (C's `*tail`). */
let logTail = 0;

/**
 * Ports e_pow.c log_inline: log(x) as y + logTail, where y is rounded and the tail has
 * about 15 more bits. `ixHi`/`ixLo` are the bits of x, positive, normalised in the
 * subnormal range by using the sign bit for the exponent.
 */
function logInline(ixHi: number, ixLo: number, build: PowBuild): number {
  // x = 2^k z, z in [OFF, 2*OFF) and exact; the range is split into N subintervals and
  // the ith one holds z, with c near its centre.
  const tmpHi = (ixHi - OFF_HI) | 0; // tmp = ix - OFF, as int64: its high word, signed
  const i = (tmpHi >>> (52 - POW_LOG_TABLE_BITS - 32)) % N_LOG;
  const k = tmpHi >> 20; // arithmetic shift
  const izHi = (ixHi - (tmpHi & 0xfff00000)) >>> 0; // iz = ix - (tmp & 0xfff << 52)
  const z = fromWords(izHi, ixLo);
  const kd = k;
  const invc = INVC[i];
  const logc = LOGC[i];
  const logctail = LOGCTAIL[i];
  let hi: number;
  let lo: number;
  if (build === 'fma') {
    // 1/c is j/N or j/N/2 with j in [N, 2N) and |z/c - 1| < 1/N: r = z/c - 1 is exact.
    const r = fma(z, invc, -1.0);
    // k*Ln2 + log(c) + r.
    const t1 = fma(kd, LN2HI, logc);
    const t2 = t1 + r;
    const lo1 = fma(kd, LN2LO, logctail);
    const lo2 = t1 - t2 + r;
    const ar = A0 * r; // A[0] = -0.5
    const ar2 = r * ar;
    const ar3 = r * ar2;
    // k*Ln2 + log(c) + r + A[0]*r*r.
    hi = t2 + ar2;
    const lo3 = fma(ar, r, -ar2);
    const lo4 = t2 - hi + ar2;
    // p = log1p(r) - r - A[0]*r*r, fused by GCC into the sum of the low parts.
    const poly = fma(ar2, fma(ar2, fma(r, A6, A5), fma(r, A4, A3)), fma(r, A2, A1));
    lo = fma(ar3, poly, lo1 + lo2 + lo3 + lo4);
  } else {
    // Split z such that rhi, rlo and rhi*rhi are exact and |rlo| <= |r|.
    const zhi = fromWords((izHi + (ixLo >= 0x80000000 ? 1 : 0)) >>> 0, 0); // (iz + 2^31) & -2^32
    const zlo = z - zhi;
    const rhi = zhi * invc - 1.0;
    const rlo = zlo * invc;
    const r = rhi + rlo;
    const t1 = kd * LN2HI + logc;
    const t2 = t1 + r;
    const lo1 = kd * LN2LO + logctail;
    const lo2 = t1 - t2 + r;
    const ar = A0 * r;
    const ar2 = r * ar;
    const ar3 = r * ar2;
    const arhi = A0 * rhi;
    const arhi2 = rhi * arhi;
    hi = t2 + arhi2;
    const lo3 = rlo * (ar + arhi);
    const lo4 = t2 - hi + arhi2;
    const p = ar3 * (A1 + r * A2 + ar2 * (A3 + r * A4 + ar2 * (A5 + r * A6)));
    lo = lo1 + lo2 + lo3 + lo4 + p;
  }
  const y = hi + lo;
  logTail = hi - y + lo;
  return y;
}

// ------------------------------------------------------------------ exp_inline

const N_EXP = 1 << EXP_TABLE_BITS;
const [C2, C3, C4, C5] = EXP_POLY;
/** SIGN_BIAS = 0x800 << EXP_TABLE_BITS: added to k, it sets the sign bit of the scale. */
const SIGN_BIAS = 0x800 << EXP_TABLE_BITS;

/** Ports math_err.c __math_oflow: the overflowed result, ±inf. */
function overflow(sign: number): number {
  return sign ? -Infinity : Infinity;
}

/** Ports math_err.c __math_uflow: the result underflowed to ±0. */
function underflow(sign: number): number {
  return sign ? -0 : 0;
}

/**
 * Ports e_pow.c specialcase: scale * (1 + tmp) where it may overflow or underflow, without
 * intermediate rounding. The scale's bits (`sbitsHi`, `sbitsLo`) carry an exponent that
 * may have overflowed into the sign bit; bit 31 of k (`kiLo`) says which way.
 */
export function specialCase(tmp: number, sbitsHi: number, sbitsLo: number, kiLo: number, build: PowBuild): number {
  if ((kiLo & 0x80000000) === 0) {
    // k > 0: the exponent of scale might have overflowed by <= 460.
    const scale = fromWords((sbitsHi - (1009 << 20)) >>> 0, sbitsLo);
    // (The generic build's check for pow(0x1.fffffffffffffp+1023, 1.0) matters only when
    // rounding upward; CPython rounds to nearest.)
    const y = build === 'fma' ? fma(scale, tmp, scale) : scale + scale * tmp;
    return y * 2 ** 1009;
  }
  // k < 0: take care in the subnormal range.
  const signedHi = (sbitsHi + (1022 << 20)) >>> 0;
  const scale = fromWords(signedHi, sbitsLo); // sbits is the signed scale here
  const scaledTmp = scale * tmp; // computed once and not fused in either build
  let y = scale + scaledTmp;
  if (Math.abs(y) < 1.0) {
    // Round y to the right precision before scaling it into the subnormal range, to
    // avoid double rounding.
    const one = y < 0.0 ? -1.0 : 1.0;
    let lo = scale - y + scaledTmp;
    const hi = one + y;
    lo = one - hi + y + lo;
    y = hi + lo - one;
    if (y === 0) y = signedHi >>> 31 ? -0 : 0; // fix the sign of 0
  }
  return 2 ** -1022 * y;
}

/**
 * Ports e_pow.c exp_inline: sign * exp(x + xtail), |xtail| < 2^-8/N and |xtail| <= |x|;
 * `signBias` is SIGN_BIAS or 0 and sets the sign to -1 or 1.
 */
function expInline(x: number, xtail: number, signBias: number, build: PowBuild): number {
  const xHi = highWord(x);
  let abstop = (xHi >>> 20) & 0x7ff;
  // top12(0x1p-54) = 0x3c9, top12(512.0) = 0x408, top12(1024.0) = 0x409.
  if (((abstop - 0x3c9) >>> 0) >= 0x408 - 0x3c9) {
    if (((abstop - 0x3c9) >>> 0) >= 0x80000000) {
      // Avoid spurious underflow for tiny x (0 is a common input).
      const one = 1.0 + x;
      return signBias ? -one : one;
    }
    if (abstop >= 0x409) return xHi >>> 31 ? underflow(signBias) : overflow(signBias);
    abstop = 0; // large x is handled by specialCase below
  }
  // exp(x) = 2^(k/N) * exp(r), exp(r) in [2^(-1/2N), 2^(1/2N)]; x = ln2/N*k + r,
  // k an integer and r in [-ln2/2N, ln2/2N]. kd = z + Shift with z = InvLn2N * x, fused.
  const shifted = build === 'fma' ? fma(x, INV_LN2_N, SHIFT) : INV_LN2_N * x + SHIFT;
  const kiLo = lowWord(shifted); // ki = asuint64(kd): only its low bits are used
  const kd = shifted - SHIFT;
  let r = build === 'fma' ? fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x)) : x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N;
  // The code assumes 2^-200 < |xtail| < 2^-8/N.
  r += xtail;
  // 2^(k/N) ~= scale * (1 + tail).
  const idx = kiLo % N_EXP;
  const topHi = ((kiLo + signBias) << (52 - EXP_TABLE_BITS - 32)) >>> 0; // (ki + sign_bias) << 45
  const tail = EXP_TAIL[idx];
  // A valid scale only when -1023*N < k < 1024*N.
  const sbitsHi = (EXP_SBITS_HI[idx] + topHi) >>> 0;
  const sbitsLo = EXP_SBITS_LO[idx];
  // exp(x) = 2^(k/N) * exp(r) ~= scale + scale * (tail + exp(r) - 1).
  const r2 = r * r;
  const tmp =
    build === 'fma'
      ? fma(fma(r, C5, C4), r2 * r2, fma(fma(r, C3, C2), r2, tail + r))
      : tail + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
  if (abstop === 0) return specialCase(tmp, sbitsHi, sbitsLo, kiLo, build);
  const scale = fromWords(sbitsHi, sbitsLo);
  return build === 'fma' ? fma(scale, tmp, scale) : scale + scale * tmp;
}

// ------------------------------------------------------------------ pow

/** Ports e_pow.c checkint: 0 if y is not an integer, 1 if odd, 2 if even (y finite, non-zero). */
function checkint(y: number): 0 | 1 | 2 {
  if (!Number.isInteger(y)) return 0;
  return Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1 ? 1 : 2;
}

/**
 * Ports glibc 2.36 e_pow.c __pow (the value of C's `pow(x, y)`, errno aside), in the
 * given build; by default powBuild().
 */
export function glibcPow(x: number, y: number, build: PowBuild = powBuild()): number {
  let signBias = 0;
  let ixHi = highWord(x);
  let ixLo = lowWord(x);
  let topx = ixHi >>> 20; // top12: sign and exponent
  const topy = highWord(y) >>> 20;
  // Special cases: (x < 0x1p-126 or inf or nan) or (|y| < 0x1p-65 or |y| >= 0x1p63 or nan).
  // If |y| > 1075 * ln2 * 2^53 then pow(x,y) = inf/0; if |y| < 2^-54 / 1075, it is ±1.
  if (((topx - 0x001) >>> 0) >= 0x7ff - 0x001 || (((topy & 0x7ff) - 0x3be) >>> 0) >= 0x43e - 0x3be) {
    if (y === 0 || !Number.isFinite(y)) {
      if (y === 0) return 1.0; // (signalling NaNs do not exist for JavaScript)
      if (x === 1.0) return 1.0;
      if (Number.isNaN(x) || Number.isNaN(y)) return x + y;
      if (Math.abs(x) === 1.0) return 1.0;
      if (Math.abs(x) < 1.0 === y > 0) return 0.0; // |x|<1 && y==inf or |x|>1 && y==-inf
      return y * y;
    }
    if (x === 0 || !Number.isFinite(x)) {
      let x2 = x * x;
      if (ixHi >>> 31 && checkint(y) === 1) {
        x2 = -x2;
        signBias = 1;
      }
      if (x === 0 && y < 0) return signBias ? -Infinity : Infinity; // __math_divzero
      return y < 0 ? 1 / x2 : x2;
    }
    // Here x and y are non-zero finite.
    if (ixHi >>> 31) {
      // Finite x < 0.
      const yint = checkint(y);
      if (yint === 0) return NaN; // __math_invalid
      if (yint === 1) signBias = SIGN_BIAS;
      ixHi &= 0x7fffffff;
      topx &= 0x7ff;
    }
    const ax = Math.abs(x);
    if (((topy & 0x7ff) - 0x3be) >>> 0 >= 0x43e - 0x3be) {
      // Note: signBias == 0 here because y is not odd.
      if (ax === 1.0) return 1.0;
      // |y| < 2^-65: x^y ~= 1 + y*log(x).
      if ((topy & 0x7ff) < 0x3be) return ax > 1.0 ? 1.0 + y : 1.0 - y;
      return ax > 1.0 === topy < 0x800 ? overflow(0) : underflow(0);
    }
    if (topx === 0) {
      // Normalise a subnormal x so the exponent becomes negative.
      const normal = ax * 2 ** 52;
      ixHi = (highWord(normal) - (52 << 20)) >>> 0;
      ixLo = lowWord(normal);
    }
  }
  const hi = logInline(ixHi, ixLo, build);
  const lo = logTail;
  let ehi: number;
  let elo: number;
  if (build === 'fma') {
    ehi = y * hi;
    elo = fma(y, lo, fma(y, hi, -ehi));
  } else {
    const yhi = fromWords(highWord(y), lowWord(y) & 0xf8000000); // iy & -1ULL << 27
    const ylo = y - yhi;
    const lhi = fromWords(highWord(hi), lowWord(hi) & 0xf8000000);
    const llo = hi - lhi + lo;
    ehi = yhi * lhi;
    elo = ylo * lhi + y * llo; // |elo| < |ehi| * 2^-25
  }
  return expInline(ehi, elo, signBias, build);
}
