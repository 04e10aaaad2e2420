/**
 * C's `exp(double)` as CPython 3.11's math.exp calls it on this project's machines: a port of
 * glibc 2.36's sysdeps/ieee754/dbl-64/e_exp.c (Arm's optimized-routines) in the two x86-64
 * builds pow.ts describes (sysdeps/x86_64/fpu/multiarch/e_exp.c: `__exp_fma` with FMA and
 * AVX2, else the generic C; `__exp_fma4` is not ported). Its table, `__exp_data`, is the one
 * pow's exp_inline reads (pow_data.ts), and its specialcase is pow's (pow.ts specialCase,
 * identical code for a positive sign).
 *
 * Which `a * b + c` GCC fused in `__exp_fma` was read off the disassembly of Debian's
 * libm.so.6 (2.36-9+deb12u14, the ifunc's first candidate behind `exp`, at 0x6ebb0): the same
 * three as in pow's exp_inline plus the final scale + scale * tmp, written `fma(...)` below.
 * Measured against both builds of that libm called directly (scripts/libm-probe.c).
 *
 * Only the value is ported, not errno: math.exp derives OverflowError from an infinite
 * result of a finite argument (math.ts).
 */
import { fromWords, highWord, lowWord } from './double-words.ts';
import { fma } from './fma.ts';
import { libmBuild, type PowBuild } from './libm-build.ts';
import { specialCase } from './pow.ts';
import { EXP_POLY, EXP_SBITS_HI, EXP_SBITS_LO, EXP_TABLE_BITS, EXP_TAIL, INV_LN2_N, NEG_LN2_HI_N, NEG_LN2_LO_N, SHIFT } from './pow_data.ts';

const N = 1 << EXP_TABLE_BITS;
const [C2, C3, C4, C5] = EXP_POLY;

/** Ports glibc 2.36 e_exp.c __exp (the value of C's `exp(x)`), in the given build; by default libmBuild(). */
export function glibcExp(x: number, build: PowBuild = libmBuild()): number {
  let abstop = (highWord(x) >>> 20) & 0x7ff;
  // top12(0x1p-54) = 0x3c9, top12(512.0) = 0x408, top12(1024.0) = 0x409.
  if (((abstop - 0x3c9) >>> 0) >= 0x408 - 0x3c9) {
    // Avoid spurious underflow for tiny x (0 is a common input).
    if (((abstop - 0x3c9) >>> 0) >= 0x80000000) return 1.0 + x;
    if (abstop >= 0x409) {
      if (x === -Infinity) return 0.0;
      if (abstop >= 0x7ff) return 1.0 + x;
      return x < 0 ? 0 : Infinity; // __math_uflow (0), __math_oflow (0)
    }
    abstop = 0; // large x is handled by specialCase below
  }
  // exp(x) = 2^(k/N) * exp(r), exp(r) in [2^(-1/2N), 2^(1/2N)]; x = ln2/N*k + r,
  // k an integer and r in [-ln2/2N, ln2/2N]. kd = z + Shift with z = InvLn2N * x.
  const shifted = build === 'fma' ? fma(x, INV_LN2_N, SHIFT) : INV_LN2_N * x + SHIFT;
  const kiLo = lowWord(shifted); // ki = asuint64(kd): only its low bits are used
  const kd = shifted - SHIFT;
  const r = build === 'fma' ? fma(kd, NEG_LN2_LO_N, fma(kd, NEG_LN2_HI_N, x)) : x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N;
  // 2^(k/N) ~= scale * (1 + tail); a valid scale only when -1023*N < k < 1024*N.
  const idx = kiLo % N;
  const sbitsHi = (EXP_SBITS_HI[idx] + ((kiLo << (52 - EXP_TABLE_BITS - 32)) >>> 0)) >>> 0; // + (ki << 45)
  const sbitsLo = EXP_SBITS_LO[idx];
  const tail = EXP_TAIL[idx];
  // exp(x) = 2^(k/N) * exp(r) ~= scale + scale * (tail + exp(r) - 1).
  const r2 = r * r;
  const tmp =
    build === 'fma'
      ? fma(r2 * r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, r + tail))
      : tail + r + r2 * (C2 + r * C3) + r2 * r2 * (C4 + r * C5);
  if (abstop === 0) return specialCase(tmp, sbitsHi, sbitsLo, kiLo, build);
  const scale = fromWords(sbitsHi, sbitsLo);
  return build === 'fma' ? fma(scale, tmp, scale) : scale + scale * tmp;
}
