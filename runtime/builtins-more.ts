/**
 * The builtins issue 8 added to the subset: any, all, divmod, reversed, isinstance, hash,
 * chr, ord, map, filter — CPython 3.11's results and messages. (min/max/sorted take `key=`
 * in builtins.ts.) Keyword arguments arrive as builtins.ts describes; none of these takes any.
 *
 * Ports Python/bltinmodule.c (builtin_any, builtin_all, builtin_divmod, builtin_isinstance,
 * builtin_hash, builtin_chr, builtin_ord, map_new/map_next, filter_new/filter_next),
 * Objects/enumobject.c reversed_new, Objects/listobject.c list_reversed, and the numeric
 * hashes of Python/pyhash.c, Objects/longobject.c long_hash and Objects/tupleobject.c tuplehash.
 */
import { OverflowError, TypeError, ValueError, ZeroDivisionError } from './exceptions.ts';
import { callValue } from './callable.ts';
import { isInstanceOf } from './builtin-values.ts';
import { lockstep } from './builtins.ts';
import { floordiv, mod, truthy, valueBinary } from './ops.ts';
import { PyDatetime, PyTime, PyTimedelta } from './datetime.ts';
import { UnstableHash } from './hash.ts';
import { objectHooks } from './object-hooks.ts';
import { chars, iter } from './sequences.ts';
import { unifiedZeroDivisionMessages } from '../port/version.ts';
import { PyIterator, PyRange, PyTuple, tuple, typeName, type PyValue } from './values.ts';

function isKwargs(v: unknown): boolean {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** The positional arguments; a keyword object means CPython's "takes no keyword arguments". */
function positional(fn: string, args: unknown[]): PyValue[] {
  if (args.length > 0 && isKwargs(args[args.length - 1])) throw new TypeError(`${fn}() takes no keyword arguments`);
  return args as PyValue[];
}

function exactly(fn: string, args: unknown[], n: number): PyValue[] {
  const values = positional(fn, args);
  if (values.length !== n) {
    if (n === 1) throw new TypeError(`${fn}() takes exactly one argument (${values.length} given)`);
    throw new TypeError(`${fn} expected ${n} arguments, got ${values.length}`);
  }
  return values;
}

/** `any(iterable)`. */
export function any(...args: PyValue[]): boolean {
  const [xs] = exactly('any', args, 1);
  for (const x of iter(xs)) if (truthy(x)) return true;
  return false;
}

/** `all(iterable)`. */
export function all(...args: PyValue[]): boolean {
  const [xs] = exactly('all', args, 1);
  for (const x of iter(xs)) if (!truthy(x)) return false;
  return true;
}

const isNumber = (v: PyValue): boolean => typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'number';

/** `divmod(a, b)`: `(a // b, a % b)`; a float zero divisor says `float divmod()`. */
export function divmod(...args: PyValue[]): PyTuple {
  const [a, b] = exactly('divmod', args, 2);
  const pair = valueBinary('divmod', a, b); // divmod(timedelta, timedelta) (datetime.ts)
  if (pair !== undefined) return pair as PyTuple;
  if (!isNumber(a) || !isNumber(b)) throw new TypeError(`unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
  if ((typeof a === 'number' || typeof b === 'number') && (b === 0 || b === 0n || b === false)) {
    throw new ZeroDivisionError(unifiedZeroDivisionMessages() ? 'division by zero' : 'float divmod()');
  }
  return tuple(floordiv(a, b), mod(a, b));
}

/** `reversed(seq)`: a list is read by index as it is then (CPython's list_reverseiterator). */
export function reversed(...args: PyValue[]): PyIterator {
  const [seq] = exactly('reversed', args, 1);
  if (Array.isArray(seq)) {
    const list = seq;
    return new PyIterator('list_reverseiterator', (function* () {
      for (let i = list.length - 1; i >= 0 && i < list.length; i--) yield list[i];
    })());
  }
  if (typeof seq === 'string') return new PyIterator('reversed', chars(seq).reverse()[Symbol.iterator]());
  if (seq instanceof PyTuple) return new PyIterator('reversed', seq.items.slice().reverse()[Symbol.iterator]());
  if (seq instanceof PyRange) return new PyIterator('range_iterator', Array.from(seq).reverse()[Symbol.iterator]());
  throw new TypeError(`'${typeName(seq)}' object is not reversible`);
}

/** `isinstance(obj, classinfo)`. */
export function isinstance(...args: PyValue[]): boolean {
  const [obj, classinfo] = exactly('isinstance', args, 2);
  return isInstanceOf(obj, classinfo);
}

// ---------------------------------------------------------------------------- hash

const MODULUS = (1n << 61n) - 1n;
const U64 = (1n << 64n) - 1n;

/** Py_hash_t of a Python int (long_hash): |x| mod 2**61-1 with x's sign, -1 becoming -2. */
function intHash(x: bigint): bigint {
  const h = (x < 0n ? -((-x) % MODULUS) : x % MODULUS);
  return h === -1n ? -2n : h;
}

/** _Py_HashDouble: the hash of the float's exact rational value (as an int's when it is whole). */
function floatHash(x: number): bigint {
  if (Number.isNaN(x)) throw new TypeError('hash of a float nan is not reproducible (it is the object address)');
  if (!Number.isFinite(x)) return x > 0 ? 314159n : -314159n;
  if (Number.isInteger(x)) return intHash(BigInt(x));
  // x = mantissa * 2**exponent with an integer mantissa; 2 is invertible mod 2**61-1 (2**61 = 1).
  let exponent = 0;
  let m = Math.abs(x);
  while (!Number.isInteger(m)) {
    m *= 2;
    exponent -= 1;
  }
  const shift = BigInt(((exponent % 61) + 61) % 61);
  let h = (BigInt(m) % MODULUS) * ((1n << shift) % MODULUS) % MODULUS;
  if (x < 0) h = -h;
  return h === -1n ? -2n : h;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

function toSigned(u: bigint): bigint {
  return u >= 1n << 63n ? u - (1n << 64n) : u;
}

/** tuplehash: xxHash's round over the items' hashes (3.8+). */
function tupleHash(t: PyTuple): bigint {
  let acc = XXPRIME_5;
  for (const item of t.items) {
    const lane = hashOf(item) & U64;
    acc = (acc + lane * XXPRIME_2) & U64;
    acc = ((acc << 31n) | (acc >> 33n)) & U64;
    acc = (acc * XXPRIME_1) & U64;
  }
  acc = (acc + (BigInt(t.items.length) ^ (XXPRIME_5 ^ 3527539n))) & U64;
  if (acc === U64) return 1546275796n;
  return toSigned(acc);
}

function hashOf(v: PyValue): bigint {
  if (typeof v === 'bigint') return intHash(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return floatHash(v);
  if (v instanceof PyTuple) return tupleHash(v);
  if (Array.isArray(v) || v instanceof Set) throw new TypeError(`unhashable type: '${typeName(v)}'`);
  // A user class's __hash__, a frozen dataclass's, or `__hash__ = None` (an __eq__ without __hash__): classes.ts.
  const user = objectHooks.hash(v, hashOf);
  if (user !== undefined) return user;
  if (v instanceof PyTimedelta) return v.pyHash(); // the hash of a tuple of ints: no secret in it
  // A refusal, not a Python exception: str, datetime and time hashes are siphash keyed with the
  // per-process secret (python3 prints another value each run), other objects' follow their address.
  if (typeof v === 'string' || v instanceof PyDatetime || v instanceof PyTime) throw new UnstableHash(`a ${typeName(v)} by hash()`, 'CPython hashes its bytes with the per-process hash secret: python3 prints another value each run');
  throw new UnstableHash(`a ${typeName(v)} by hash()`);
}

/** `hash(x)` of ints, bools, floats and tuples of them. */
export function hash(...args: PyValue[]): bigint {
  const [x] = exactly('hash', args, 1);
  return hashOf(x);
}

// ---------------------------------------------------------------------------- chr, ord

/** `chr(i)`. */
export function chr(...args: PyValue[]): string {
  const [i] = exactly('chr', args, 1);
  if (typeof i !== 'bigint' && typeof i !== 'boolean') throw new TypeError(`'${typeName(i)}' object cannot be interpreted as an integer`);
  const code = typeof i === 'bigint' ? i : i ? 1n : 0n;
  if (code > 0x7fffffffn || code < -0x80000000n) throw new OverflowError('signed integer is greater than maximum');
  if (code < 0n || code > 0x10ffffn) throw new ValueError('chr() arg not in range(0x110000)');
  return String.fromCodePoint(Number(code));
}

/** `ord(c)`. */
export function ord(...args: PyValue[]): bigint {
  const [c] = exactly('ord', args, 1);
  if (typeof c !== 'string') throw new TypeError(`ord() expected string of length 1, but ${typeName(c)} found`);
  const cs = chars(c);
  if (cs.length !== 1) throw new TypeError(`ord() expected a character, but string of length ${cs.length} found`);
  return BigInt(cs[0].codePointAt(0)!);
}

// ---------------------------------------------------------------------------- map, filter

/** `map(func, *iterables)`: lazy, stopping at the shortest iterable. */
export function map(...args: PyValue[]): PyIterator {
  const values = positional('map', args);
  if (values.length < 2) throw new TypeError('map() must have at least two arguments.');
  const [func, ...rest] = values;
  const rows = lockstep(rest);
  return new PyIterator('map', (function* () {
    for (const row of rows) yield callValue(func, ...row);
  })());
}

/** `filter(func, iterable)`: `None` keeps the truthy items. */
export function filter(...args: PyValue[]): PyIterator {
  const values = positional('filter', args);
  if (values.length !== 2) throw new TypeError(`filter expected 2 arguments, got ${values.length}`);
  const [func, xs] = values;
  const source = iter(xs);
  return new PyIterator('filter', (function* () {
    for (const item of source) if (truthy(func === null ? item : callValue(func, item))) yield item;
  })());
}
