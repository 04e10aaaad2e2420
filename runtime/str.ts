/**
 * `str()` and `repr()` with CPython's exact layout.
 *
 * Ports Objects/floatobject.c float_repr (via Python/pystrtod.c, mode 'r'),
 * Objects/unicodeobject.c unicode_repr, and the list/tuple/range/exception reprs.
 */
import { BaseException, KeyError, exceptionClassRepr, isExceptionClass, setExceptionStr } from './exceptions.ts';
import { BaseExceptionGroup } from './exception_groups.ts';
import { PyIterator, PyRange, PyTuple, typeName, unbound } from './values.ts';
import { pythonStringRepr } from '../ir/python-strings.ts';
import { frames, recursionError, RECURSION_LIMIT } from './frames.ts';
import { objectHooks } from './object-hooks.ts';

/**
 * `repr(float)`: the shortest digits that round-trip (JS finds the same digits), laid
 * out as Python does: exponent notation when the decimal exponent is < -4 or >= 16,
 * otherwise positional with at least one digit after the point.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  return sign + layoutShortest(digits, exp);
}

/** Python's `repr` layout of shortest `digits` (d.ddd · 10^exp), without the sign. */
export function layoutShortest(digits: string, exp: number): string {
  if (exp < -4 || exp >= 16) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** `repr(str)`: single quotes unless the text has `'` and no `"`; CPython's escapes (shared with the printer). */
export const strRepr = (text: string): string => pythonStringRepr(text);

/**
 * Recursion levels of a repr in progress (CPython's `PyObject_Repr` of each item checks the
 * limit): `reprBase` levels for the call that started it (1 for `str()`/`repr()`, 4 for the
 * oracle's `print`, see frames.ts), one more per container being printed.
 */
const reprDepth = { base: 1, nesting: 0 };

/** The repr of a container's item, one level deeper: RecursionError past CPython's limit (never V8's RangeError). */
function itemRepr(item: unknown, seen: Set<object>): string {
  reprDepth.nesting += 1;
  try {
    if (frames.depth + reprDepth.base + reprDepth.nesting > RECURSION_LIMIT) recursionError(' while getting the repr of an object');
    return repr(item, seen);
  } finally {
    reprDepth.nesting -= 1;
  }
}

/** `str()` of each of print's arguments, its items four levels above the caller, as in the oracle's print (measured; frames.ts). */
export function printedStrs(values: readonly unknown[]): string[] {
  const base = reprDepth.base;
  reprDepth.base = 4;
  try {
    return values.map((v) => str(v));
  } finally {
    reprDepth.base = base;
  }
}

/** `repr(value)`. `seen` guards self-containing lists (`[[...]]`, as CPython prints). */
export function repr(value: unknown, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return floatRepr(value);
    case 'string':
      return strRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return unbound();
    case 'function':
      if (objectHooks.isClass(value)) return objectHooks.repr(value) as string; // a user class (classes.ts)
      if (isExceptionClass(value)) return exceptionClassRepr(value);
      return `<function ${(value as { name?: string }).name ?? '?'} at ${objectAddress(value)}>`;
  }
  if (value === null) return 'None';
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[...]';
    seen.add(value);
    const text = `[${value.map((item) => itemRepr(item, seen)).join(', ')}]`;
    seen.delete(value);
    return text;
  }
  if (value instanceof PyTuple && value.constructor !== PyTuple) return objectHooks.repr(value) as string; // a namedtuple (classes.ts)
  if (value instanceof PyTuple) {
    const items = value.items.map((item) => itemRepr(item, seen));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (value instanceof PyRange) {
    const { start, stop, step } = value;
    return step === 1n ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
  }
  if (value instanceof Set) {
    return value.size === 0 ? 'set()' : `{${[...value].map((item) => itemRepr(item, seen)).join(', ')}}`;
  }
  const user = objectHooks.repr(value); // user classes' instances (classes.ts)
  if (user !== undefined) return user;
  if (value instanceof BaseException) {
    const args = value.args.map((arg) => repr(arg, seen));
    return `${typeName(value)}(${args.length === 1 ? args[0] : args.join(', ')})`;
  }
  // dict, set, frozenset and the dict views (runtime/dict.ts, runtime/set.ts) print themselves.
  const own = (value as { pyRepr?: unknown }).pyRepr;
  if (typeof own === 'function') return String(own.call(value, seen, itemRepr));
  const custom = (value as { __repr__?: unknown }).__repr__;
  if (typeof custom === 'function') return String(custom.call(value));
  if (value instanceof PyIterator) return `<${value.typeName} object>`;
  return `<${typeName(value)} object>`;
}

const addresses = new WeakMap<object, string>();
let nextAddress = 0x7f0000001000;

/**
 * `id(obj)` as a repr shows it (`at 0x7f...`): a fixed, made-up address per object, 16 bytes
 * apart like CPython's. CPython's addresses change from run to run; the comparison masks
 * every `0x...` address to one token on both sides (compare/traces.ts).
 */
export function objectAddress(obj: object): string {
  let address = addresses.get(obj);
  if (address === undefined) {
    address = `0x${nextAddress.toString(16)}`;
    nextAddress += 0x40;
    addresses.set(obj, address);
  }
  return address;
}

/** `str(value)`: the text itself for a str, the message for an exception, else `repr`. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof BaseExceptionGroup) return value.message; // 'msg (2 sub-exceptions)' (BaseExceptionGroup_str)
  const user = typeof value === 'object' || typeof value === 'function' ? objectHooks.str(value) : undefined; // classes.ts
  if (user !== undefined) return user;
  const own = value !== null && typeof value === 'object' ? (value as { pyStr?: () => string }).pyStr : undefined; // datetime.ts
  if (typeof own === 'function') return own.call(value);
  if (value instanceof BaseException) {
    // KeyError.__str__ shows its one argument's repr (Objects/exceptions.c KeyError_str).
    if (value instanceof KeyError && value.args.length === 1) return repr(value.args[0]);
    return value.args.length === 1 ? str(value.args[0]) : value.args.length === 0 ? '' : repr(new PyTuple(value.args as unknown[] as object[]));
  }
  return repr(value);
}

setExceptionStr((error) => str(error));
