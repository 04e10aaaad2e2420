/**
 * `collections.deque`, `collections.defaultdict` and `collections.Counter` (issue 8 item 9),
 * as CPython 3.11 shows them: their reprs (`deque([1, 2], maxlen=3)`,
 * `defaultdict(<class 'list'>, {...})`, `Counter({'a': 2})` in most_common order), their
 * methods and messages. Ports Modules/_collectionsmodule.c (deque, defaultdict) and
 * Lib/collections/__init__.py (Counter), 3.11.
 *
 * defaultdict and Counter are dicts (subclasses of PyDict, so every dict operation and
 * `isinstance(c, dict)` hold); a deque is a PyDeque. They join the shared operations (len,
 * `in`, `==`, iteration, `[]`, methods) by wrapping containers.ts's hooks when this module
 * loads, so no shared operation needs to know them.
 */
import './containers.ts';
import { containerHooks } from './container-hooks.ts';
import { PyDict } from './dict.ts';
import { AttributeError, IndexError, RuntimeError, TypeError, ValueError } from './exceptions.ts';
import { call } from './functions.ts';
import { callValue } from './callable.ts';
import { add, eq, lt, sub } from './ops.ts';
import { iter } from './sequences.ts';
import { repr } from './str.ts';
import { PyIterator, PyTuple, typeName, type PyValue } from './values.ts';

// ---------------------------------------------------------------------------- deque

/** Ports _collectionsmodule.c deque: a list with cheap ends, an optional maxlen, a mutation count for its iterators. */
export class PyDeque implements Iterable<PyValue> {
  readonly __pyTypeName__ = 'deque';
  readonly pyUnhashable = true;
  items: PyValue[] = [];
  /** Bumped by every change of size: an iterator that sees it change raises (deque_iter's `state`). */
  state = 0;

  constructor(readonly maxlen: bigint | null) {}

  *[Symbol.iterator](): Iterator<PyValue> {
    const state = this.state;
    const size = this.items.length;
    for (let k = 0; k < size; k++) {
      if (this.state !== state || this.items.length !== size) throw new RuntimeError('deque mutated during iteration');
      yield this.items[k];
    }
  }

  /** deque_repr: `deque([1, 2])`, `deque([1, 2], maxlen=3)`, `[...]` for a deque inside itself. */
  pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    if (seen.has(this)) return '[...]';
    seen.add(this);
    try {
      const list = `[${this.items.map((x) => itemRepr(x, seen)).join(', ')}]`;
      return this.maxlen === null ? `deque(${list})` : `deque(${list}, maxlen=${this.maxlen})`;
    } finally {
      seen.delete(this);
    }
  }

  append(x: PyValue): null {
    this.items.push(x);
    this.state++;
    if (this.maxlen !== null && this.items.length > Number(this.maxlen)) this.items.shift();
    return null;
  }

  appendleft(x: PyValue): null {
    this.items.unshift(x);
    this.state++;
    if (this.maxlen !== null && this.items.length > Number(this.maxlen)) this.items.pop();
    return null;
  }
}

function asIndex(v: PyValue, what: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError(`${what}'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** `collections.deque(iterable=(), maxlen=None)` (deque_init). */
export function deque(args: PyValue[], keywords: { maxlen?: PyValue } = {}): PyDeque {
  if (args.length > 2) throw new TypeError(`deque() takes at most 2 arguments (${args.length} given)`);
  const rawMax = args.length > 1 ? args[1] : keywords.maxlen ?? null;
  let maxlen: bigint | null = null;
  if (rawMax !== null) {
    maxlen = asIndex(rawMax, '');
    if (maxlen < 0n) throw new ValueError('maxlen must be non-negative');
  }
  const d = new PyDeque(maxlen);
  if (args.length > 0) for (const x of [...iter(args[0])]) d.append(x);
  return d;
}

function dequeIndex(d: PyDeque, i: PyValue): number {
  if (typeof i !== 'bigint' && typeof i !== 'boolean') throw new TypeError(`sequence index must be integer, not '${typeName(i)}'`);
  const n = asIndex(i, '');
  const k = n < 0n ? n + BigInt(d.items.length) : n;
  if (k < 0n || k >= BigInt(d.items.length)) throw new IndexError('deque index out of range');
  return Number(k);
}

function noArgs(name: string, args: PyValue[]): void {
  if (args.length !== 0) throw new TypeError(`deque.${name}() takes no arguments (${args.length} given)`);
}

function oneArg(name: string, args: PyValue[]): void {
  if (args.length !== 1) throw new TypeError(`deque.${name}() takes exactly one argument (${args.length} given)`);
}

/** The methods of a deque (deque_methods), with their messages; undefined for a name it lacks. */
function dequeMethod(d: PyDeque, method: string, args: PyValue[]): PyValue | undefined {
  switch (method) {
    case 'append':
    case 'appendleft':
      oneArg(method, args);
      return d[method](args[0]);
    case 'pop':
    case 'popleft': {
      noArgs(method, args);
      if (d.items.length === 0) throw new IndexError('pop from an empty deque');
      d.state++;
      return (method === 'pop' ? d.items.pop() : d.items.shift()) as PyValue;
    }
    case 'extend':
    case 'extendleft': {
      oneArg(method, args);
      // deque_extend copies the iterable first when it is the deque itself.
      for (const x of [...iter(args[0])]) (method === 'extend' ? d.append(x) : d.appendleft(x));
      return null;
    }
    case 'rotate': {
      if (args.length > 1) throw new TypeError(`rotate expected at most 1 argument, got ${args.length}`);
      const n = args.length === 0 ? 1n : asIndex(args[0], '');
      const len = BigInt(d.items.length);
      if (len <= 1n) return null;
      const k = Number(((n % len) + len) % len);
      if (k === 0) return null;
      d.items = [...d.items.slice(d.items.length - k), ...d.items.slice(0, d.items.length - k)];
      d.state++;
      return null;
    }
    case 'clear':
      noArgs(method, args);
      d.items = [];
      d.state++;
      return null;
    case 'copy': {
      noArgs(method, args);
      const copy = new PyDeque(d.maxlen);
      copy.items = d.items.slice();
      return copy;
    }
    case 'count':
      oneArg(method, args);
      return BigInt(d.items.filter((x) => x === args[0] || eq(x, args[0])).length);
    case 'index': {
      if (args.length < 1 || args.length > 3) throw new TypeError(`index expected at least 1 argument, got ${args.length}`);
      const n = d.items.length;
      const clamp = (v: PyValue, fallback: number): number => {
        if (v === undefined) return fallback;
        let k = Number(asIndex(v, ''));
        if (k < 0) k = Math.max(0, k + n);
        return Math.min(k, n);
      };
      const start = clamp(args[1], 0);
      const stop = clamp(args[2], n);
      for (let k = start; k < stop; k++) if (d.items[k] === args[0] || eq(d.items[k], args[0])) return BigInt(k);
      throw new ValueError(`${repr(args[0])} is not in deque`);
    }
    case 'remove': {
      oneArg(method, args);
      const k = d.items.findIndex((x) => x === args[0] || eq(x, args[0]));
      if (k < 0) throw new ValueError(`${repr(args[0])} is not in deque`);
      d.items.splice(k, 1);
      d.state++;
      return null;
    }
    case 'reverse':
      noArgs(method, args);
      d.items.reverse();
      d.state++;
      return null;
    case 'insert': {
      if (args.length !== 2) throw new TypeError(`insert expected 2 arguments, got ${args.length}`);
      if (d.maxlen !== null && BigInt(d.items.length) >= d.maxlen) throw new IndexError('deque already at its maximum size');
      const n = d.items.length;
      let k = Number(asIndex(args[0], ''));
      if (k < 0) k = Math.max(0, k + n);
      d.items.splice(Math.min(k, n), 0, args[1]);
      d.state++;
      return null;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------- defaultdict

/** Calls any callable Python value with no arguments: a function or partial, a builtin (`list`), a JS function. */
function callNoArgs(f: PyValue): PyValue {
  try {
    return call(f, []);
  } catch (error) {
    if (error instanceof TypeError && /object is not callable$/.test(error.message)) return callValue(f);
    throw error;
  }
}

function isCallable(f: PyValue): boolean {
  if (f === null || typeof f !== 'object') return typeof f === 'function';
  return typeof (f as { __pyCall__?: unknown }).__pyCall__ === 'function' || (f as { impl?: unknown }).impl !== undefined || (f as { func?: unknown }).func !== undefined;
}

/** Ports _collectionsmodule.c defdict: a dict whose missing keys get `default_factory()` (`__missing__`). */
export class PyDefaultDict extends PyDict {
  constructor(readonly defaultFactory: PyValue) {
    super();
    (this as { __pyTypeName__: string }).__pyTypeName__ = 'defaultdict';
  }

  /** `d[key]`: defdict_missing inserts `default_factory()`, or raises KeyError(key) without a factory. */
  override get(key: PyValue): PyValue {
    if (this.has(key)) return super.get(key);
    if (this.defaultFactory === null) return super.get(key);
    const value = callNoArgs(this.defaultFactory);
    this.set(key, value);
    return value;
  }

  /** defdict_repr: `defaultdict(<class 'list'>, {'a': [1]})`. */
  override pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    const factory = this.defaultFactory === null ? 'None' : seen.has(this.defaultFactory as object) ? '...' : itemRepr(this.defaultFactory, seen);
    return `defaultdict(${factory}, ${super.pyRepr(seen, itemRepr)})`;
  }
}

/** `collections.defaultdict(default_factory=None, [mapping_or_pairs])` (defdict_init). */
export function defaultdict(...args: PyValue[]): PyDefaultDict {
  const factory = args.length > 0 ? args[0] : null;
  if (factory !== null && !isCallable(factory)) throw new TypeError('first argument must be callable or None');
  if (args.length > 2) throw new TypeError(`dict expected at most 1 argument, got ${args.length - 1}`);
  const d = new PyDefaultDict(factory);
  if (args.length === 2) containerHooks.method(d, 'update', [args[1]]);
  return d;
}

// ---------------------------------------------------------------------------- Counter

/** Ports collections/__init__.py Counter, 3.11: a dict of counts whose missing keys count 0. */
export class PyCounter extends PyDict {
  constructor() {
    super();
    (this as { __pyTypeName__: string }).__pyTypeName__ = 'Counter';
  }

  /** Counter.__missing__: 0, not stored. */
  override get(key: PyValue): PyValue {
    return this.has(key) ? super.get(key) : 0n;
  }

  /** Counter.__delitem__: deleting a missing key is not an error. */
  override delete(key: PyValue): void {
    if (this.has(key)) super.delete(key);
  }

  /** Counter.most_common: by count, largest first, ties in insertion order (sorted and nlargest are stable). */
  mostCommon(n?: bigint): PyTuple[] {
    const pairs = [...this.entries()].map((e) => new PyTuple([e.key, e.value]));
    const sorted = stableSortDescending(pairs);
    return n === undefined ? sorted : sorted.slice(0, Math.max(0, Number(n)));
  }

  /** Counter.__repr__: `Counter()`, or the dict of most_common() (plain order when counts do not compare). */
  override pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    if (this.size === 0) return 'Counter()';
    let pairs: PyTuple[];
    try {
      pairs = this.mostCommon();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      pairs = [...this.entries()].map((e) => new PyTuple([e.key, e.value]));
    }
    const ordered = new PyDict(pairs.map((t) => [t.items[0], t.items[1]] as const));
    return `Counter(${ordered.pyRepr(seen, itemRepr)})`;
  }
}

/** sorted(pairs, key=itemgetter(1), reverse=True): a stable merge sort on Python's `<` of the counts. */
function stableSortDescending(pairs: PyTuple[]): PyTuple[] {
  if (pairs.length <= 1) return pairs;
  const mid = pairs.length >> 1;
  const left = stableSortDescending(pairs.slice(0, mid));
  const right = stableSortDescending(pairs.slice(mid));
  const out: PyTuple[] = [];
  let i = 0;
  let j = 0;
  // reverse=True keeps equal items in their order: take from the right only when it is strictly larger.
  while (i < left.length && j < right.length) out.push(lt(left[i].items[1], right[j].items[1]) ? right[j++] : left[i++]);
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/** Counter.update / subtract: a mapping adds (subtracts) its counts, any other iterable counts its items. */
function countInto(c: PyCounter, source: PyValue, sign: 'update' | 'subtract'): void {
  const combine = sign === 'update' ? add : sub;
  if (source instanceof PyDict) {
    for (const e of [...source.entries()]) c.set(e.key, combine(c.has(e.key) ? c.get(e.key) : 0n, e.value));
    return;
  }
  for (const x of [...iter(source)]) c.set(x, combine(c.has(x) ? c.get(x) : 0n, 1n));
}

/** `collections.Counter([iterable_or_mapping])`. */
export function Counter(...args: PyValue[]): PyCounter {
  if (args.length > 1) throw new TypeError(`expected at most 1 argument, got ${args.length}`);
  const c = new PyCounter();
  if (args.length === 1 && args[0] !== null) countInto(c, args[0], 'update');
  return c;
}

/** Counter's own methods (and `copy` of both dict subclasses); undefined for the dict's. */
function dictSubclassMethod(d: PyDict, method: string, args: PyValue[]): PyValue | undefined {
  if (d instanceof PyDefaultDict && method === 'copy') {
    const copy = new PyDefaultDict(d.defaultFactory);
    for (const e of d.entries()) copy.set(e.key, e.value);
    return copy;
  }
  if (!(d instanceof PyCounter)) return undefined;
  switch (method) {
    case 'most_common':
      if (args.length > 1) throw new TypeError(`Counter.most_common() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
      return args.length === 0 || args[0] === null ? d.mostCommon() : d.mostCommon(asIndex(args[0], ''));
    case 'elements': {
      const pairs = [...d.entries()].map((e) => [e.key, e.value] as const);
      function* elements(): Generator<PyValue> {
        for (const [key, count] of pairs) for (let k = 0n; k < asIndex(count, ''); k++) yield key;
      }
      return new PyIterator('itertools.chain', elements());
    }
    case 'update':
    case 'subtract':
      if (args.length > 1) throw new TypeError(`expected at most 1 argument, got ${args.length}`);
      if (args.length === 1 && args[0] !== null) countInto(d, args[0], method);
      return null;
    case 'total': {
      let total: PyValue = 0n;
      for (const e of d.entries()) total = add(total, e.value);
      return total;
    }
    case 'copy': {
      const copy = new PyCounter();
      for (const e of d.entries()) copy.set(e.key, e.value);
      return copy;
    }
  }
  return undefined;
}

/** Counter.__eq__ (3.10+): every element counts the same, missing ones counting 0. */
function counterEq(a: PyCounter, b: PyCounter): boolean {
  for (const c of [a, b]) for (const key of c.keyList()) if (!eq(a.get(key), b.get(key))) return false;
  return true;
}

// ---------------------------------------------------------------------------- the shared operations

const KW_OBJECT = (v: unknown): boolean => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

const previous = { ...containerHooks };
Object.assign(containerHooks, {
  len: (v: PyValue) => (v instanceof PyDeque ? BigInt(v.items.length) : previous.len(v)),
  contains: (c: PyValue, item: PyValue) => (c instanceof PyDeque ? c.items.some((x) => x === item || eq(x, item)) : previous.contains(c, item)),
  eq: (a: PyValue, b: PyValue) => {
    if (a instanceof PyDeque || b instanceof PyDeque) {
      if (!(a instanceof PyDeque && b instanceof PyDeque)) return false;
      return a.items.length === b.items.length && a.items.every((x, k) => x === b.items[k] || eq(x, b.items[k]));
    }
    if (a instanceof PyCounter && b instanceof PyCounter) return counterEq(a, b);
    return previous.eq(a, b);
  },
  iterable: (v: PyValue) => v instanceof PyDeque || previous.iterable(v),
  getitem: (v: PyValue, i: PyValue) => (v instanceof PyDeque ? { value: v.items[dequeIndex(v, i)] } : previous.getitem(v, i)),
  setitem: (v: PyValue, i: PyValue, x: PyValue) => {
    if (!(v instanceof PyDeque)) return previous.setitem(v, i, x);
    v.items[dequeIndex(v, i)] = x;
    return true;
  },
  method: (obj: PyValue, method: string, rawArgs: unknown[]) => {
    if (!(obj instanceof PyDeque) && !(obj instanceof PyCounter) && !(obj instanceof PyDefaultDict)) return previous.method(obj, method, rawArgs);
    const hasKw = KW_OBJECT(rawArgs[rawArgs.length - 1]);
    const args = (hasKw ? rawArgs.slice(0, -1) : rawArgs) as PyValue[];
    const name = obj instanceof PyDeque ? 'deque' : typeName(obj);
    if (obj instanceof PyDeque) {
      if (hasKw) throw new TypeError(`deque.${method}() takes no keyword arguments`);
      const value = dequeMethod(obj, method, args);
      if (value === undefined) throw new AttributeError(`'collections.${name}' object has no attribute '${method}'`);
      return { value };
    }
    const value = hasKw ? undefined : dictSubclassMethod(obj, method, args);
    return value === undefined ? previous.method(obj, method, rawArgs) : { value };
  },
} satisfies Partial<typeof containerHooks>);

export { namedtuple } from './namedtuple.ts';
