/**
 * C's `sin(double)` and `cos(double)` as CPython 3.11's math.sin and math.cos call them on
 * this project's machines: a port of glibc 2.36's sysdeps/ieee754/dbl-64/s_sin.c (IBM
 * Accurate Mathematical Library: __sin, __cos, do_sin, do_cos, reduce_sincos, do_sincos,
 * with usncs.h's constants, sincostab.c's table in libm_data.ts and branred.c in
 * libm-branred.ts), in the two x86-64 builds pow.ts describes (the ifuncs of
 * sysdeps/x86_64/fpu/multiarch/s_sin.c: `__sin_fma`/`__cos_fma` on CPUs with FMA and AVX2,
 * else `__sin_sse2`/`__cos_sse2` or the `_avx` copies of the same C; `_fma4` not ported).
 *
 * In the FMA build GCC contracted `a * b + c` wherever a product's every use is an addition
 * or subtraction (a product used twice is fused twice). Which ones was read off the
 * disassembly of Debian's libm.so.6 (2.36-9+deb12u14: `__sin_fma` at 0x702c0, `__cos_fma` at
 * 0x70ad0, the first candidates of the resolvers of `sin` and `cos`): each is written
 * `fma(...)` below, every other operation rounds on its own. Measured against both builds
 * of that libm called directly (scripts/libm-probe.c).
 *
 * Only the value is ported, not errno: math.sin and math.cos raise for an infinite argument
 * before looking at the result (math.ts).
 */
import { highWord, lowWord } from './double-words.ts';
import { fma } from './fma.ts';
import { branred } from './libm-branred.ts';
import { SINCOSTAB } from './libm_data.ts';
import { hexFloat } from './pow_data.ts';
import { libmBuild, type PowBuild } from './libm-build.ts';

// usncs.h
const S1 = hexFloat('-0x1.5555555555555p-3');
const S2 = hexFloat('0x1.1111111110ecep-7');
const S3 = hexFloat('-0x1.a01a019db08b8p-13');
const S4 = hexFloat('0x1.71de27b9a7ed9p-19');
const S5 = hexFloat('-0x1.addffc2fcdf59p-26');
const BIG = hexFloat('0x1.8000000000000p+45');
const HP0 = hexFloat('0x1.921fb54442d18p+0');
const HP1 = hexFloat('0x1.1a62633145c07p-54');
const MP1 = hexFloat('0x1.921fb58000000p+0');
const MP2 = hexFloat('-0x1.dde973c000000p-27');
const PP3 = hexFloat('-0x1.cb3b398000000p-55');
const PP4 = hexFloat('-0x1.d747f23e32ed7p-83');
const HPINV = hexFloat('0x1.45f306dc9c883p-1');
const TOINT = hexFloat('0x1.8000000000000p+52');
// s_sin.c
const SN3 = -1.66666666666664880952546298448555e-1;
const SN5 = 8.33333214285722277379541354343671e-3;
const CS2 = 4.99999999999999999999950396842453e-1;
const CS4 = -4.16666666666664434524222570944589e-2;
const CS6 = 1.38888874007937613028114285595617e-3;

/** s_sin.c TAYLOR_SIN(xx, a, da): a - a^3/3! + a^5/5! - a^7/7! + a^9/9! + (1 - a^2) * da / 2. */
function taylorSin(xx: number, a: number, da: number, build: PowBuild): number {
  if (build === 'fma') {
    const poly = fma(fma(fma(fma(S5, xx, S4), xx, S3), xx, S2), xx, S1);
    return a + fma(fma(poly, a, -(0.5 * da)), xx, da);
  }
  const poly = (((S5 * xx + S4) * xx + S3) * xx + S2) * xx + S1;
  return a + ((poly * a - 0.5 * da) * xx + da);
}

/** Ports s_sin.c do_cos: cos(x + dx) from the table's sin and cos of x rounded to 1/128. */
function doCos(x: number, dx: number, build: PowBuild): number {
  if (x < 0) dx = -dx;
  const u = BIG + Math.abs(x);
  x = Math.abs(x) - (u - BIG) + dx;
  const xx = x * x;
  const k = lowWord(u) << 2;
  const [sn, ssn, cs, ccs] = [SINCOSTAB[k], SINCOSTAB[k + 1], SINCOSTAB[k + 2], SINCOSTAB[k + 3]];
  if (build === 'fma') {
    const s = fma(x * xx, fma(xx, SN5, SN3), x);
    const c = xx * fma(xx, fma(xx, CS6, CS4), CS2);
    const cor = fma(-sn, s, fma(-cs, c, fma(-s, ssn, ccs)));
    return cs + cor;
  }
  const s = x + x * xx * (SN3 + xx * SN5);
  const c = xx * (CS2 + xx * (CS4 + xx * CS6));
  const cor = ccs - s * ssn - cs * c - sn * s;
  return cs + cor;
}

/** Ports s_sin.c do_sin: sin(x + dx), by Taylor's series near 0, else from the table. */
function doSin(x: number, dx: number, build: PowBuild): number {
  const xold = x;
  if (Math.abs(x) < 0.126) return taylorSin(x * x, x, dx, build);
  if (x <= 0) dx = -dx;
  const u = BIG + Math.abs(x);
  x = Math.abs(x) - (u - BIG);
  const xx = x * x;
  const k = lowWord(u) << 2;
  const [sn, ssn, cs, ccs] = [SINCOSTAB[k], SINCOSTAB[k + 1], SINCOSTAB[k + 2], SINCOSTAB[k + 3]];
  let result: number;
  if (build === 'fma') {
    const s = x + fma(x * xx, fma(xx, SN5, SN3), dx);
    const c = fma(x, dx, xx * fma(xx, fma(xx, CS6, CS4), CS2));
    const cor = fma(cs, s, fma(-sn, c, fma(s, ccs, ssn)));
    result = sn + cor;
  } else {
    const s = x + (dx + x * xx * (SN3 + xx * SN5));
    const c = x * dx + xx * (CS2 + xx * (CS4 + xx * CS6));
    const cor = ssn + s * ccs - sn * c + cs * s;
    result = sn + cor;
  }
  return copysign(result, xold);
}

function copysign(magnitude: number, sign: number): number {
  const negative = sign < 0 || Object.is(sign, -0);
  return negative === (magnitude < 0 || Object.is(magnitude, -0)) ? magnitude : -magnitude;
}

/** Ports s_sin.c reduce_sincos: x = n*pi/2 + (a + da) for |x| < 105414350; returns [n mod 4, a, da]. */
function reduceSincos(x: number, build: PowBuild): [number, number, number] {
  if (build === 'fma') {
    const t = fma(x, HPINV, TOINT);
    const xn = t - TOINT;
    const y = fma(-xn, MP2, fma(-xn, MP1, x));
    const t2 = fma(-xn, PP3, y);
    let db = fma(-xn, PP3, y - t2);
    const b = fma(-xn, PP4, t2);
    db += fma(-xn, PP4, t2 - b);
    return [lowWord(t) & 3, b, db];
  }
  const t = x * HPINV + TOINT;
  const xn = t - TOINT;
  const y = x - xn * MP1 - xn * MP2;
  let t1 = xn * PP3;
  const t2 = y - t1;
  let db = y - t2 - t1;
  t1 = xn * PP4;
  const b = t2 - t1;
  db += t2 - b - t1;
  return [lowWord(t) & 3, b, db];
}

/** Ports s_sin.c do_sincos: sin or cos of a + da for the quadrant n. */
function doSincos(a: number, da: number, n: number, build: PowBuild): number {
  const value = n & 1 ? doCos(a, da, build) : doSin(a, da, build);
  return n & 2 ? -value : value;
}

/** Ports glibc 2.36 s_sin.c __sin (the value of C's `sin(x)`), in the given build; by default libmBuild(). */
export function glibcSin(x: number, build: PowBuild = libmBuild()): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e500000) return x; // |x| < 2^-26: sin(x) = x
  if (k < 0x3feb6000) return doSin(x, 0, build); // |x| < 0.855469
  if (k < 0x400368fd) return copysign(doCos(HP0 - Math.abs(x), HP1, build), x); // |x| < 2.426265
  if (k < 0x419921fb) {
    const [n, a, da] = reduceSincos(x, build); // |x| < 105414350
    return doSincos(a, da, n, build);
  }
  if (k < 0x7ff00000) {
    const [n, a, da] = branred(x);
    return doSincos(a, da, n, build);
  }
  return x / x; // inf or nan
}

/** Ports glibc 2.36 s_sin.c __cos (the value of C's `cos(x)`), in the given build; by default libmBuild(). */
export function glibcCos(x: number, build: PowBuild = libmBuild()): number {
  const k = highWord(x) & 0x7fffffff;
  if (k < 0x3e400000) return 1.0; // |x| < 2^-27
  if (k < 0x3feb6000) return doCos(x, 0, build); // |x| < 0.855469
  if (k < 0x400368fd) {
    // |x| < 2.426265
    const y = HP0 - Math.abs(x);
    const a = y + HP1;
    const da = y - a + HP1;
    return doSin(a, da, build);
  }
  if (k < 0x419921fb) {
    const [n, a, da] = reduceSincos(x, build);
    return doSincos(a, da, n + 1, build);
  }
  if (k < 0x7ff00000) {
    const [n, a, da] = branred(x);
    return doSincos(a, da, n + 1, build);
  }
  return x / x;
}
