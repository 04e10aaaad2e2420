/**
 * Python's `math` module for the port, the functions the subset lists (ports of
 * Modules/mathmodule.c, 3.11): floor, ceil, sqrt (IEEE, as C's), fabs, pow, log, exp, sin,
 * cos, isclose, gcd, and the constants. CPython hands pow, log, exp, sin and cos to the
 * platform's libm, so the port calls ports of glibc 2.36's, bit for bit, in the build this
 * machine's libm runs (pow.ts, libm-log.ts, libm-exp.ts, libm-sin.ts; measured against
 * python3 in test/runtime/libm.test.ts): JavaScript's Math.log/exp/sin/cos (fdlibm in V8)
 * differ from glibc's in the last bit for some arguments.
 */
import { OverflowError, TypeError, ValueError, ZeroDivisionError } from './exceptions.ts';
import { roundScaled } from './fma.ts';
import { glibcExp } from './libm-exp.ts';
import { glibcLog } from './libm-log.ts';
import { glibcCos, glibcSin } from './libm-sin.ts';
import { intToFloat } from './ops.ts';
import { glibcPow } from './pow.ts';
import { typeName, type PyValue } from './values.ts';

export const pi = Math.PI;
export const e = Math.E;
export const tau = 2 * Math.PI;
export const inf = Infinity;
export const nan = NaN;

/** PyFloat_AsDouble as the math functions call it: ints convert (too large raises), the rest is a TypeError. */
function asDouble(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return intToFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TypeError(`must be real number, not ${typeName(v)}`);
}

/** A float's integral value as an int (PyLong_FromDouble): infinities and NaN raise. */
function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw new ValueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new OverflowError('cannot convert float infinity to integer');
  return BigInt(x);
}

/** Ports mathmodule.c math_floor: an int stays itself, anything else floors as a float. */
export function floor(x: PyValue): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  return floatToInt(Math.floor(asDouble(x)));
}

/** Ports mathmodule.c math_ceil. */
export function ceil(x: PyValue): bigint {
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  return floatToInt(Math.ceil(asDouble(x)));
}

/** Ports mathmodule.c math_sqrt (math_1 with can_overflow 0): negative finite input is a domain error. */
export function sqrt(x: PyValue): number {
  const v = asDouble(x);
  if (v < 0) throw new ValueError('math domain error');
  return Math.sqrt(v);
}

/** Ports mathmodule.c math_fabs. */
export function fabs(x: PyValue): number {
  return Math.abs(asDouble(x));
}

/** Ports mathmodule.c math_pow: IEEE specials handled first, libm's pow (glibc, bit for bit) for the rest. */
export function pow(xv: PyValue, yv: PyValue): number {
  const x = asDouble(xv);
  const y = asDouble(yv);
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (Number.isNaN(x)) return y === 0 ? 1 : x;
    if (Number.isNaN(y)) return x === 1 ? 1 : y;
    if (!Number.isFinite(x)) {
      const oddY = Number.isFinite(y) && Math.abs(y) % 2 === 1;
      if (y > 0) return oddY ? x : Math.abs(x);
      if (y === 0) return 1;
      return oddY ? (x < 0 ? -0 : 0) : 0;
    }
    if (Math.abs(x) === 1) return 1;
    if (y > 0 && Math.abs(x) > 1) return y;
    if (y < 0 && Math.abs(x) < 1) return -y;
    return 0;
  }
  const r = glibcPow(x, y);
  if (Number.isNaN(r)) throw new ValueError('math domain error');
  if (!Number.isFinite(r)) {
    if (x === 0) throw new ValueError('math domain error');
    throw new OverflowError('math range error');
  }
  return r;
}

/**
 * Ports mathmodule.c math_1 for a function that is NaN only for a domain error: a NaN from a
 * non-NaN argument is a ValueError, an infinity from a finite one an OverflowError when the
 * function can overflow (exp), else a ValueError (a singularity). Underflow is no error.
 */
function math1(xv: PyValue, func: (x: number) => number, canOverflow: boolean): number {
  const x = asDouble(xv);
  const r = func(x);
  if (Number.isNaN(r) && !Number.isNaN(x)) throw new ValueError('math domain error');
  if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x)) {
    throw canOverflow ? new OverflowError('math range error') : new ValueError('math domain error');
  }
  return r;
}

/** Ports mathmodule.c m_log: libm's log for positive finite x, C99's answers (and errno's NaN or -inf) elsewhere. */
function mLog(x: number): number {
  if (Number.isFinite(x)) return x > 0 ? glibcLog(x) : x === 0 ? -Infinity : NaN;
  if (Number.isNaN(x)) return x;
  return x > 0 ? x : NaN;
}

/**
 * Ports mathmodule.c loghelper with m_log: an int is the port's own case (zero or negative is
 * a domain error; one too large for a float is x * 2**e by _PyLong_Frexp, whose log is
 * log(x) + log(2.0) * e), anything else goes through math_1.
 */
function logHelper(v: PyValue): number {
  const n = typeof v === 'boolean' ? (v ? 1n : 0n) : v;
  if (typeof n !== 'bigint') return math1(v, mLog, false);
  if (n <= 0n) throw new ValueError('math domain error');
  const x = Number(n); // PyLong_AsDouble: correctly rounded, ties to even
  if (Number.isFinite(x)) return mLog(x);
  let e = n.toString(2).length;
  let mantissa = roundScaled(n, -e); // _PyLong_Frexp: n / 2**e rounded to 53 bits, in [0.5, 1]
  if (mantissa === 1.0) {
    mantissa = 0.5;
    e += 1;
  }
  return mLog(mantissa) + mLog(2.0) * e;
}

/** Ports mathmodule.c math_log_impl: log(x), or log(x) / log(base) as float true division. */
export function log(x: PyValue, base?: PyValue): number {
  const num = logHelper(x);
  if (base === undefined) return num;
  const den = logHelper(base);
  if (den === 0) throw new ZeroDivisionError('float division by zero');
  return num / den;
}

/** Ports mathmodule.c math_exp (math_1 with can_overflow 1): e**x by libm's exp. */
export function exp(x: PyValue): number {
  return math1(x, glibcExp, true);
}

/** Ports mathmodule.c math_sin (math_1): sin(±inf) is a domain error, a NaN passes. */
export function sin(x: PyValue): number {
  return math1(x, glibcSin, false);
}

/** Ports mathmodule.c math_cos (math_1). */
export function cos(x: PyValue): number {
  return math1(x, glibcCos, false);
}

/** Ports mathmodule.c math_isclose_impl; `args` are (a, b), `kw` may hold rel_tol and abs_tol. */
export function isclose(args: PyValue[], kw: Record<string, PyValue> = {}): boolean {
  const a = asDouble(args[0]);
  const b = asDouble(args[1]);
  const relTol = kw.rel_tol === undefined ? 1e-9 : asDouble(kw.rel_tol);
  const absTol = kw.abs_tol === undefined ? 0.0 : asDouble(kw.abs_tol);
  if (relTol < 0 || absTol < 0) throw new ValueError('tolerances must be non-negative');
  if (a === b) return true;
  if (!Number.isFinite(a) && !Number.isNaN(a)) return false;
  if (!Number.isFinite(b) && !Number.isNaN(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
}

/** Ports mathmodule.c math_gcd (3.9+: any number of ints; 0 for none). */
export function gcd(...args: PyValue[]): bigint {
  let result = 0n;
  for (const arg of args) {
    const n = typeof arg === 'boolean' ? (arg ? 1n : 0n) : arg;
    if (typeof n !== 'bigint') throw new TypeError(`'${typeName(arg)}' object cannot be interpreted as an integer`);
    let [a, b] = [result < 0n ? -result : result, n < 0n ? -n : n];
    while (b !== 0n) [a, b] = [b, a % b];
    result = a;
  }
  return result;
}
