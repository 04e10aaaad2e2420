/**
 * Python's `math` module for the port, the functions the subset lists (ports of
 * Modules/mathmodule.c, 3.11): floor, ceil, sqrt (IEEE, as C's), fabs, pow (glibc's pow:
 * runtime/pow.ts), isclose, gcd, and the constants. libm's log/exp/sin/cos are not ported
 * bit for bit, so those functions are refused by the importer, not approximated.
 */
import { OverflowError, TypeError, ValueError } from './exceptions.ts';
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
