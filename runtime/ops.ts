/**
 * Operators with Python semantics: int/float promotion, true and floor division, modulo
 * with the divisor's sign, `**`, sequence `+`/`*`, rich comparisons, `in`, `is`, truth.
 *
 * Ports Objects/longobject.c (long_add... long_true_divide, l_divmod), Objects/floatobject.c
 * (float_div, float_floor_div, float_rem, float_pow, float_richcompare), and the sequence
 * slots of listobject.c, tupleobject.c and unicodeobject.c. Messages are CPython 3.11's.
 */
import { MemoryError, OverflowError, TypeError, ZeroDivisionError } from './exceptions.ts';
import { floatModuloSaysByZero, unifiedZeroDivisionMessages } from '../port/version.ts';
import { printf } from './printf.ts';
import { glibcPow } from './pow.ts';
import { ratioToFloat } from './rational.ts';
import { PyRange, PyTuple, typeName, unbound, type PyValue } from './values.ts';
import { containerHooks } from './container-hooks.ts';
import { objectHooks } from './object-hooks.ts';

// ---------------------------------------------------------------------------- numbers

/** int-like (bool is an int subclass): its bigint value; else undefined. */
function asInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

/** `float(int)`: correctly rounded (as `Number(bigint)` is); too large raises. */
export function intToFloat(v: bigint): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw new OverflowError('int too large to convert to float');
  return x;
}

/** int or float operand as a float; undefined for anything else. */
function asFloat(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const i = asInt(v);
  return i === undefined ? undefined : intToFloat(i);
}

function unsupported(op: string, a: unknown, b: unknown): TypeError {
  return new TypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** Both int-like: the bigints; else undefined. */
function ints(a: unknown, b: unknown): [bigint, bigint] | undefined {
  const x = asInt(a);
  const y = asInt(b);
  return x === undefined || y === undefined ? undefined : [x, y];
}

/** Both numbers with at least one float: the floats; else undefined. */
function floats(a: unknown, b: unknown): [number, number] | undefined {
  if (typeof a !== 'number' && typeof b !== 'number') return undefined;
  const x = asFloat(a);
  const y = asFloat(b);
  return x === undefined || y === undefined ? undefined : [x, y];
}

function isSequence(v: unknown): v is string | PyValue[] | PyTuple {
  return typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple;
}

/** `a + b`. */
export function add(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) return i[0] + i[1];
  const f = floats(a, b);
  if (f) return f[0] + f[1];
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b;
    throw new TypeError(`can only concatenate str (not "${typeName(b)}") to str`);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b)) return [...a, ...b];
    throw new TypeError(`can only concatenate list (not "${typeName(b)}") to list`);
  }
  if (a instanceof PyTuple) {
    if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
    throw new TypeError(`can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  const dated = valueBinary('+', a, b); // datetime + timedelta (datetime.ts)
  if (dated !== undefined) return dated;
  throw unsupported('+', a, b);
}

/** `a += b`: lists extend in place (and stay the same object); the rest is `+`. */
export function iadd(a: PyValue, b: PyValue): PyValue {
  if (Array.isArray(a) && !(typeof b === 'string' || Array.isArray(b) || b instanceof PyTuple || b instanceof PyRange)) {
    throw new TypeError(`'${typeName(b)}' object is not iterable`);
  }
  if (Array.isArray(a)) {
    a.push(...(b as Iterable<PyValue>));
    return a;
  }
  return add(a, b);
}

/** `a - b`. */
export function sub(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) return i[0] - i[1];
  const f = floats(a, b);
  if (f) return f[0] - f[1];
  const difference = containerHooks.sub(a, b); // set - set (containers.ts)
  if (difference !== undefined) return difference;
  const dated = valueBinary('-', a, b); // datetime - datetime (datetime.ts)
  if (dated !== undefined) return dated;
  throw unsupported('-', a, b);
}

/** The binary operators a value type may answer (datetime.ts: timedelta arithmetic); `divmod` is the builtin's slot. */
export type ValueOp = '+' | '-' | '*' | '/' | '//' | '%' | 'divmod';

/**
 * A value type's own operators (datetime.ts's DateValue): `pyBinary` answers `a op b` (undefined:
 * NotImplemented), the left operand's first, then the right's reflected, as binary_op1 tries nb slots;
 * `pyUnary` answers `-a`, `+a`, `abs(a)`; `pyBool` is nb_bool.
 */
interface ValueType {
  pyBinary(op: ValueOp, other: PyValue, reflected: boolean): PyValue | undefined;
  pyCompare(other: PyValue): number | undefined;
  pyUnary?(op: '-' | '+' | 'abs'): PyValue;
  pyBool?(): boolean;
}
function isValueType(v: unknown): v is ValueType {
  return v !== null && typeof v === 'object' && typeof (v as Partial<ValueType>).pyBinary === 'function';
}
export function valueBinary(op: ValueOp, a: PyValue, b: PyValue): PyValue | undefined {
  if (isValueType(a)) {
    const r = a.pyBinary(op, b, false);
    if (r !== undefined) return r;
  }
  return isValueType(b) ? b.pyBinary(op, a, true) : undefined;
}

/** `-a`, `+a`, `abs(a)` of a value type; undefined when `a` has no such slot. */
export function valueUnary(op: '-' | '+' | 'abs', a: PyValue): PyValue | undefined {
  return isValueType(a) && a.pyUnary ? a.pyUnary(op) : undefined;
}

/** Longest sequence the port builds; CPython would raise MemoryError somewhat later. */
const MAX_SEQUENCE_LENGTH = 1 << 28;

function repeat(seq: string | PyValue[] | PyTuple, times: bigint): PyValue {
  if (times > 2n ** 63n - 1n || times < -(2n ** 63n)) throw new OverflowError("cannot fit 'int' into an index-sized integer");
  const n = times > 0n ? Number(times) : 0;
  if (n * seq.length > MAX_SEQUENCE_LENGTH) throw new MemoryError();
  if (typeof seq === 'string') return seq.repeat(n);
  const items: PyValue[] = [];
  const source = Array.isArray(seq) ? seq : seq.items;
  for (let k = 0; k < n; k++) items.push(...source);
  return Array.isArray(seq) ? items : new PyTuple(items);
}

/** `a * b`, including sequence repetition (`'ab' * 3`, `3 * [0]`). */
export function mul(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) return i[0] * i[1];
  const f = floats(a, b);
  if (f) return f[0] * f[1];
  const scaled = valueBinary('*', a, b); // timedelta * int|float (datetime.ts)
  if (scaled !== undefined) return scaled;
  if (isSequence(a) || isSequence(b)) {
    const [seq, times] = isSequence(a) ? [a, b] : [b as string | PyValue[] | PyTuple, a];
    const n = asInt(times);
    if (n === undefined) throw new TypeError(`can't multiply sequence by non-int of type '${typeName(times)}'`);
    return repeat(seq, n);
  }
  throw unsupported('*', a, b);
}

/** A division by zero's error: the operation's own message before 3.14, 3.14's one message after (port/version.ts). */
function zeroDivision(message311: string): ZeroDivisionError {
  return new ZeroDivisionError(unifiedZeroDivisionMessages() ? 'division by zero' : message311);
}

/** `a / b` on ints: the correctly rounded quotient (CPython's long_true_divide). */
function intTrueDivide(a: bigint, b: bigint): number {
  if (b === 0n) throw new ZeroDivisionError('division by zero');
  const limit = 1n << 53n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  if (absA <= limit && absB <= limit) return Number(a) / Number(b);
  const magnitude = ratioToFloat(absA, absB);
  if (!Number.isFinite(magnitude)) throw new OverflowError('integer division result too large for a float');
  return (a < 0n) !== (b < 0n) ? -magnitude : magnitude;
}

/** `a / b`: a float on numbers (a timedelta's own: datetime.ts). */
export function truediv(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) return intTrueDivide(i[0], i[1]);
  const f = floats(a, b);
  if (f) {
    if (f[1] === 0) throw zeroDivision('float division by zero');
    return f[0] / f[1];
  }
  const divided = valueBinary('/', a, b);
  if (divided !== undefined) return divided;
  throw unsupported('/', a, b);
}

/** Ports floatobject.c float_divmod (the floor quotient and the modulo together). */
function floatDivmod(vx: number, wx: number): [number, number] {
  let mod = vx % wx; // C fmod
  let div = (vx - mod) / wx;
  // C tests `if (mod)`: NaN counts as true there, so compare with 0 explicitly.
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 || Object.is(wx, -0) ? -0.0 : 0.0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0.0 : 0.0;
  }
  return [floordiv, mod];
}

function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** `a // b`: floor division for ints and floats. */
export function floordiv(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) {
    if (i[1] === 0n) throw zeroDivision('integer division or modulo by zero');
    return intFloorDiv(i[0], i[1]);
  }
  const f = floats(a, b);
  if (f) {
    if (f[1] === 0) throw zeroDivision('float floor division by zero');
    return floatDivmod(f[0], f[1])[0];
  }
  const floored = valueBinary('//', a, b);
  if (floored !== undefined) return floored;
  throw unsupported('//', a, b);
}

/** `a % b`: the result has the divisor's sign; on a str, printf-style formatting. */
export function mod(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) {
    const [x, y] = i;
    if (y === 0n) throw zeroDivision('integer modulo by zero');
    const r = x % y;
    return r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r;
  }
  const f = floats(a, b);
  if (f) {
    const [vx, wx] = f;
    if (wx === 0) throw zeroDivision(floatModuloSaysByZero() ? 'float modulo by zero' : 'float modulo');
    let m = vx % wx;
    if (m !== 0) {
      if (wx < 0 !== m < 0) m += wx;
    } else m = wx < 0 ? -0.0 : 0.0;
    return m;
  }
  if (typeof a === 'string') return printf(a, b);
  const rest = valueBinary('%', a, b);
  if (rest !== undefined) return rest;
  throw unsupported('%', a, b);
}

function isOddInteger(x: number): boolean {
  return Number.isInteger(x) && Math.abs(x % 2) === 1;
}

/**
 * Ports floatobject.c float_pow, 3.11: its own special cases, then C's pow (glibc's, ported
 * bit for bit in pow.ts) on |iv|, negated for an odd exponent; an infinite result raises.
 */
export function floatPow(iv: number, iw: number): number {
  if (iw === 0) return 1.0;
  if (Number.isNaN(iv)) return iv;
  if (Number.isNaN(iw)) return iv === 1.0 ? 1.0 : iw;
  if (!Number.isFinite(iw)) {
    const base = Math.abs(iv);
    if (base === 1.0) return 1.0;
    return iw > 0 === base > 1.0 ? Math.abs(iw) : 0.0;
  }
  if (!Number.isFinite(iv)) {
    const odd = isOddInteger(iw);
    if (iw > 0) return odd ? iv : Math.abs(iv);
    return odd ? (iv < 0 ? -0.0 : 0.0) : 0.0;
  }
  if (iv === 0) {
    if (iw < 0) throw new ZeroDivisionError(unifiedZeroDivisionMessages() ? 'zero to a negative power' : '0.0 cannot be raised to a negative power');
    return isOddInteger(iw) ? iv : 0.0;
  }
  let negateResult = false;
  if (iv < 0) {
    if (!Number.isInteger(iw)) {
      // CPython returns a complex number here (complexobject.c complex_pow -> _Py_c_pow,
      // whose modulus is pow(|iv|, iw)). The port has no complex type: it reproduces only
      // the overflow, where CPython raises too, and refuses the rest.
      if (glibcPow(-iv, iw) === Infinity) throw new OverflowError('complex exponentiation');
      throw new TypeError('negative number cannot be raised to a fractional power (complex result: not supported by the port)');
    }
    // iw is an exact integer: pow |iv| and negate the result if iw is odd.
    iv = -iv;
    negateResult = isOddInteger(iw);
  }
  if (iv === 1.0) return negateResult ? -1.0 : 1.0; // (-1) ** huge integer too
  // iv and iw are finite, iw is non-zero, iv is positive and not 1: the platform's pow.
  let ix = glibcPow(iv, iw);
  if (negateResult) ix = -ix;
  // errno: ERANGE on overflow (an underflow to 0 is cleared by _Py_ADJUST_ERANGE1).
  if (!Number.isFinite(ix)) throw new OverflowError("(34, 'Numerical result out of range')");
  return ix;
}

/** Bits an int power may reach before the port refuses (CPython would grind on). */
const MAX_POW_BITS = 1_000_000;

/** `a ** b`: int ** non-negative int stays int; int ** negative int is a float. */
export function pow(a: PyValue, b: PyValue): PyValue {
  const i = ints(a, b);
  if (i) {
    const [x, y] = i;
    if (y < 0n) return floatPow(intToFloat(x), intToFloat(y));
    const bits = x === 0n || x === 1n || x === -1n ? 0 : (x < 0n ? -x : x).toString(2).length * Number(y);
    if (bits > MAX_POW_BITS) throw new OverflowError('int power too large for the port');
    return x ** y;
  }
  const f = floats(a, b);
  if (f) return floatPow(f[0], f[1]);
  throw unsupported('** or pow()', a, b);
}

/** Unary `-`. */
export function neg(a: PyValue): PyValue {
  const i = asInt(a);
  if (i !== undefined) return -i;
  if (typeof a === 'number') return -a;
  const negated = valueUnary('-', a);
  if (negated !== undefined) return negated;
  throw new TypeError(`bad operand type for unary -: '${typeName(a)}'`);
}

/** Unary `+`. */
export function pos(a: PyValue): PyValue {
  const i = asInt(a);
  if (i !== undefined) return i;
  if (typeof a === 'number') return a;
  const same = valueUnary('+', a);
  if (same !== undefined) return same;
  throw new TypeError(`bad operand type for unary +: '${typeName(a)}'`);
}

// ---------------------------------------------------------------------------- truth

/** `bool(v)`: 0, 0.0, '', [], (), None, empty range are false; NaN is true. */
export function truthy(v: PyValue): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'undefined':
      return unbound();
  }
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyTuple) return v.length > 0;
  if (v instanceof PyRange) return v.length > 0n;
  if (v instanceof Set) return v.size > 0;
  if (isValueType(v) && v.pyBool) return v.pyBool(); // timedelta (datetime.ts)
  const sized = containerHooks.len(v); // dict, set, views (containers.ts)
  if (sized !== undefined) return sized > 0n;
  return objectHooks.truthy(v) ?? true; // __bool__, __len__ of a user class (classes.ts)
}

/** `not v`. */
export function not(v: PyValue): boolean {
  return !truthy(v);
}

// ---------------------------------------------------------------------------- comparisons

/** Exact int-vs-float order (CPython's float_richcompare never rounds the int). */
function compareIntFloat(i: bigint, f: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const floor = Math.floor(f);
  const fi = BigInt(floor);
  if (i < fi) return -1;
  if (i > fi) return 1;
  return floor === f ? 0 : -1;
}

/** Numeric order of two numbers (int, bool or float): <0, 0, >0, or NaN (unordered). */
function compareNumbers(a: unknown, b: unknown): number | undefined {
  const x = asInt(a);
  const y = asInt(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (x !== undefined && typeof b === 'number') return compareIntFloat(x, b);
  if (typeof a === 'number' && y !== undefined) return -compareIntFloat(y, a);
  return undefined;
}

function itemsOf(v: PyValue[] | PyTuple): readonly PyValue[] {
  return Array.isArray(v) ? v : v.items;
}

/** `a == b`: numbers across int/float/bool, structural for list/tuple/range, else identity. */
export function eq(a: PyValue, b: PyValue): boolean {
  if (a === undefined || b === undefined) unbound();
  const n = compareNumbers(a, b);
  if (n !== undefined) return n === 0;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if ((Array.isArray(a) && Array.isArray(b)) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const xs = itemsOf(a);
    const ys = itemsOf(b as PyValue[] | PyTuple);
    if (xs.length !== ys.length) return false;
    return xs.every((x, k) => x === ys[k] || eq(x, ys[k]));
  }
  if (a instanceof PyRange && b instanceof PyRange) {
    const n = a.length;
    if (n !== b.length) return false;
    if (n === 0n) return true;
    return a.start === b.start && (n === 1n || a.step === b.step);
  }
  const same = containerHooks.eq(a, b); // dict, set (containers.ts)
  if (same !== undefined) return same;
  if (isValueType(a)) return a.pyCompare(b) === 0; // datetimes, timedeltas (datetime.ts): another type is not equal
  return objectHooks.eq(a, b) ?? a === b; // __eq__ of a user class (classes.ts)
}

/** `a != b`. */
export function ne(a: PyValue, b: PyValue): boolean {
  return objectHooks.ne(a, b) ?? !eq(a, b); // __ne__ of a user class (classes.ts)
}

type Order = '<' | '<=' | '>' | '>=';

function holds(cmp: number, op: Order): boolean {
  switch (op) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '>=':
      return cmp >= 0;
  }
}

/** Rich ordering comparison, as `PyObject_RichCompare` does it for the IR's types. */
function order(a: PyValue, b: PyValue, op: Order): boolean {
  const n = compareNumbers(a, b);
  if (n !== undefined) return holds(n, op);
  if (typeof a === 'string' && typeof b === 'string') return holds(a < b ? -1 : a > b ? 1 : 0, op);
  if ((Array.isArray(a) && Array.isArray(b)) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const xs = itemsOf(a);
    const ys = itemsOf(b as PyValue[] | PyTuple);
    // The first position where the items differ decides, with the same operator.
    for (let k = 0; k < xs.length && k < ys.length; k++) {
      if (!(xs[k] === ys[k] || eq(xs[k], ys[k]))) return order(xs[k], ys[k], op);
    }
    return holds(xs.length - ys.length, op);
  }
  const subset = containerHooks.order(a, b, op); // set inclusion (containers.ts)
  if (subset !== undefined) return subset;
  const dated = isValueType(a) ? a.pyCompare(b) : undefined; // datetimes, timedeltas (datetime.ts)
  if (dated !== undefined) return holds(dated, op);
  const user = objectHooks.order(a, b, op); // __lt__ & co. of a user class (classes.ts)
  if (user !== undefined) return user;
  throw new TypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export const lt = (a: PyValue, b: PyValue): boolean => order(a, b, '<');
export const le = (a: PyValue, b: PyValue): boolean => order(a, b, '<=');
export const gt = (a: PyValue, b: PyValue): boolean => order(a, b, '>');
export const ge = (a: PyValue, b: PyValue): boolean => order(a, b, '>=');

/** `item in container`. */
export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new TypeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container) || container instanceof PyTuple) {
    return itemsOf(container).some((x) => x === item || eq(x, item));
  }
  if (container instanceof PyRange) {
    const i = asInt(item);
    if (i === undefined) return [...container].some((x) => eq(x, item));
    const { start, stop, step } = container;
    const inside = step > 0n ? i >= start && i < stop : i <= start && i > stop;
    return inside && (i - start) % step === 0n;
  }
  if (container instanceof Set) return container.has(item);
  const found = containerHooks.contains(container, item); // dict, set, views (containers.ts)
  if (found !== undefined) return found;
  const user = objectHooks.contains(container, item); // __contains__, __iter__, __getitem__ of a user class (classes.ts)
  if (user !== undefined) return user;
  if (container !== null && typeof container === 'object' && Symbol.iterator in container) {
    for (const x of container as Iterable<PyValue>) if (x === item || eq(x, item)) return true;
    return false;
  }
  throw new TypeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** `item in container`, arguments in Python's evaluation order (item first). */
export function isIn(item: PyValue, container: PyValue): boolean {
  return contains(container, item);
}

/** `a is b`: identity (-0.0 and 0.0 are different objects; equal small values are shared). */
export function is(a: PyValue, b: PyValue): boolean {
  return Object.is(a, b);
}
