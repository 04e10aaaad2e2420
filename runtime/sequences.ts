/**
 * The sequence protocol as transpiled code uses it: iteration, indexing (negative indices
 * count from the end), item assignment, tuple unpacking, and the list methods.
 *
 * Ports Objects/listobject.c (list_subscript, list_ass_item, list_append, list_pop_impl),
 * tupleobject.c, unicodeobject.c, rangeobject.c and ceval.c unpack_iterable (messages
 * as in CPython 3.11).
 */
import { AttributeError, IndexError, TypeError, ValueError } from './exceptions.ts';
import { PyIterator, PyRange, PyTuple, typeName, type PyValue } from './values.ts';
import { containerHooks } from './container-hooks.ts';
import { objectHooks } from './object-hooks.ts';
import { isStrMethod, strMethod } from './str-methods.ts';
import { isListMethod, listMethod } from './list-methods.ts';

/** `iter(v)` as a JS iterable. Lists iterate live (items appended meanwhile are seen). */
export function iter(v: PyValue): Iterable<PyValue> {
  if (typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple || v instanceof PyRange || v instanceof PyIterator || v instanceof Set || containerHooks.iterable(v)) {
    return v as Iterable<PyValue>;
  }
  const user = objectHooks.iter(v); // __iter__ / __getitem__ of a user class (classes.ts)
  if (user !== undefined) return user;
  throw new TypeError(`'${typeName(v)}' object is not iterable`);
}

/** A str's characters (code points, as Python counts them). */
export function chars(s: string): string[] {
  return /[\uD800-\uDFFF]/.test(s) ? [...s] : s.split('');
}

function index(i: PyValue, what: string): bigint {
  if (typeof i === 'bigint') return i;
  if (typeof i === 'boolean') return i ? 1n : 0n;
  if (what === 'string') throw new TypeError(`string indices must be integers, not '${typeName(i)}'`);
  throw new TypeError(`${what} indices must be integers or slices, not ${typeName(i)}`);
}

/** Resolve a (possibly negative) index into `length`; undefined if out of range. */
function resolve(i: bigint, length: number): number | undefined {
  const k = i < 0n ? i + BigInt(length) : i;
  return k >= 0n && k < BigInt(length) ? Number(k) : undefined;
}

/** `v[i]`. */
export function getitem(v: PyValue, i: PyValue): PyValue {
  const user = objectHooks.getitem(v, i); // __getitem__ of a user class (classes.ts), a slice too
  if (user !== undefined) return user.value;
  const hooked = containerHooks.getitem(v, i); // dict keys, slices (containers.ts)
  if (hooked !== undefined) return hooked.value;
  if (Array.isArray(v)) {
    const k = resolve(index(i, 'list'), v.length);
    if (k === undefined) throw new IndexError('list index out of range');
    return v[k];
  }
  if (v instanceof PyTuple) {
    const k = resolve(index(i, 'tuple'), v.length);
    if (k === undefined) throw new IndexError('tuple index out of range');
    return v.items[k];
  }
  if (typeof v === 'string') {
    const cs = chars(v);
    const k = resolve(index(i, 'string'), cs.length);
    if (k === undefined) throw new IndexError('string index out of range');
    return cs[k];
  }
  if (v instanceof PyRange) {
    const n = v.length;
    const j = index(i, 'range');
    const k = j < 0n ? j + n : j;
    if (k < 0n || k >= n) throw new IndexError('range object index out of range');
    return v.at(k);
  }
  throw new TypeError(`'${typeName(v)}' object is not subscriptable`);
}

/** `v[i] = x`. */
export function setitem(v: PyValue, i: PyValue, x: PyValue): void {
  if (containerHooks.setitem(v, i, x)) return; // dict keys, list slices (containers.ts)
  if (Array.isArray(v)) {
    const k = resolve(index(i, 'list'), v.length);
    if (k === undefined) throw new IndexError('list assignment index out of range');
    v[k] = x;
    return;
  }
  throw new TypeError(`'${typeName(v)}' object does not support item assignment`);
}

/** `a, b = v`: exactly `n` items, or CPython's ValueError. */
export function unpack(v: PyValue, n: number): PyValue[] {
  let source: Iterable<PyValue>;
  try {
    source = iter(v);
  } catch {
    throw new TypeError(`cannot unpack non-iterable ${typeName(v)} object`);
  }
  const items: PyValue[] = [];
  for (const item of source) {
    if (items.length === n) throw new ValueError(`too many values to unpack (expected ${n})`);
    items.push(item);
  }
  if (items.length < n) throw new ValueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  return items;
}

/** `list.append(x)`. */
export function append(list: PyValue[], x: PyValue): null {
  list.push(x);
  return null;
}

/** `list.pop(i=-1)`. */
export function pop(list: PyValue[], i: PyValue = -1n): PyValue {
  if (list.length === 0) throw new IndexError('pop from empty list');
  const k = resolve(index(i, 'list'), list.length);
  if (k === undefined) throw new IndexError('pop index out of range');
  return list.splice(k, 1)[0];
}

/** Keyword arguments the transpiler passes as one trailing plain object (builtins.ts). */
function splitKwargs(args: PyValue[]): [PyValue[], Record<string, PyValue>] {
  const last = args[args.length - 1];
  if (last !== null && typeof last === 'object' && Object.getPrototypeOf(last) === Object.prototype) {
    return [args.slice(0, -1), last as Record<string, PyValue>];
  }
  return [args, {}];
}

/**
 * `obj.method(*args, **kwargs)` when the transpiler could not tell obj's type: str methods
 * (str-methods.ts) on strings, list methods (list-methods.ts) on arrays, `index`/`count` on
 * tuples, otherwise the object's own method (a port Task's `done`, `cancel`...), keyword
 * values passed in order.
 */
export function callMethod(obj: PyValue, method: string, ...allArgs: PyValue[]): PyValue {
  if (obj !== null && (typeof obj === 'object' || typeof obj === 'function')) {
    // A user class's own method wins over the builtin meaning of the name (classes.ts).
    const user = objectHooks.method(obj, method, ...splitKwargs(allArgs));
    if (user !== undefined) return user.value;
  }
  const hooked = containerHooks.method(obj, method, allArgs); // dict and set methods (containers.ts), keywords included
  if (hooked !== undefined) return hooked.value;
  const [args, kw] = splitKwargs(allArgs);
  if (typeof obj === 'string' && isStrMethod(method)) return strMethod(obj, method, args, kw);
  // A value type's Python-level method named like a str or loop method (datetime.ts: `dt.replace(...)`, `dt.time()`).
  const valueMethod = obj !== null && typeof obj === 'object' ? (obj as { pyMethod?: (name: string, args: PyValue[], kw: Record<string, PyValue>) => PyValue | undefined }).pyMethod : undefined;
  const answered = valueMethod?.call(obj, method, args, kw);
  if (answered !== undefined) return answered;
  if (Array.isArray(obj)) {
    if (method === 'append' || method === 'pop') {
      if (Object.keys(kw).length > 0) throw new TypeError(`list.${method}() takes no keyword arguments`);
      if (method === 'append') {
        if (args.length !== 1) throw new TypeError(`list.append() takes exactly one argument (${args.length} given)`);
        return append(obj, args[0]);
      }
      if (args.length > 1) throw new TypeError(`pop expected at most 1 argument, got ${args.length}`);
      return pop(obj, ...args);
    }
    if (isListMethod(method)) return listMethod(obj, method, args, kw);
  } else if (obj instanceof PyTuple && (method === 'index' || method === 'count')) {
    if (Object.keys(kw).length > 0) throw new TypeError(`tuple.${method}() takes no keyword arguments`);
    return tupleMethod(obj, method, args);
  } else if (obj !== null && typeof obj === 'object') {
    const member = (obj as Record<string, unknown>)[method];
    if (typeof member === 'function') return (member as (...a: PyValue[]) => PyValue).apply(obj, [...args, ...Object.values(kw)]) ?? null;
  }
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${method}'`);
}

/** tuple.index / tuple.count (Objects/tupleobject.c): a tuple is a list that cannot change. */
function tupleMethod(t: PyTuple, method: 'index' | 'count', args: PyValue[]): PyValue {
  try {
    return listMethod(t.items.slice(), method, args, {});
  } catch (error) {
    if (error instanceof ValueError) throw new ValueError('tuple.index(x): x not in tuple');
    if (error instanceof TypeError) throw new TypeError(error.message.replace('list.', 'tuple.'));
    throw error;
  }
}
