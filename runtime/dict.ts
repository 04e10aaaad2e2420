/**
 * `dict` and its views, as CPython 3.11 shows them: insertion order (a deleted key that comes
 * back goes to the end), keys equal across int/float/bool (`d[1]` is `d[1.0]` is `d[True]`,
 * the first key object kept), CPython's repr (`{...}` for a dict inside itself), its
 * messages (`KeyError: 'x'`, the key's repr) and the views `dict_keys([...])`,
 * `dict_values([...])`, `dict_items([...])`.
 *
 * Ports Objects/dictobject.c as far as a program can observe it: the order only (a
 * compact dict iterates in insertion order), so the table itself is not ported; lookups
 * bucket by hash.ts's hash and compare with `==`, as dict lookups do.
 */
import { AttributeError, KeyError, RuntimeError, TypeError, ValueError } from './exceptions.ts';
import { UnstableHash, checkHashable, hash } from './hash.ts';
import { eq } from './ops.ts';
import { iter } from './sequences.ts';
import { setDictKeysReader, setKeyErrorFactory } from './set.ts';
import { repr } from './str.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';

interface Entry {
  key: PyValue;
  value: PyValue;
}

/** `KeyError(key)`: `str(e)` is `repr(key)` (KeyError_str). */
export function keyError(key: PyValue): KeyError {
  const e = new KeyError(key);
  e.message = repr(key);
  return e;
}

/** The bucket a key lands in: its hash, or the object itself for keys hashed by address. */
function bucketOf(key: PyValue): bigint | object | symbol {
  checkHashable(key);
  try {
    return hash(key);
  } catch (e) {
    if (e instanceof UnstableHash) return key === null ? NONE_BUCKET : (key as object);
    throw e;
  }
}
const NONE_BUCKET = Symbol('None');

export class PyDict implements Iterable<PyValue> {
  readonly __pyTypeName__ = 'dict';
  readonly pyUnhashable = true;
  private readonly buckets = new Map<bigint | object | symbol, Entry[]>();
  /** Insertion order; a JS Set keeps it through deletions. */
  private readonly order = new Set<Entry>();

  constructor(pairs: Iterable<readonly [PyValue, PyValue]> = []) {
    for (const [k, v] of pairs) this.set(k, v);
  }

  get size(): number {
    return this.order.size;
  }

  private find(key: PyValue, bucket = bucketOf(key)): Entry | undefined {
    const entries = this.buckets.get(bucket);
    if (entries === undefined) return undefined;
    return entries.find((e) => e.key === key || eq(e.key, key));
  }

  has(key: PyValue): boolean {
    return this.find(key) !== undefined;
  }

  /** `d[key]`. */
  get(key: PyValue): PyValue {
    const entry = this.find(key);
    if (entry === undefined) throw keyError(key);
    return entry.value;
  }

  /** `d.get(key, default)`. */
  lookup(key: PyValue, fallback: PyValue = null): PyValue {
    const entry = this.find(key);
    return entry === undefined ? fallback : entry.value;
  }

  /** `d[key] = value`: an existing key keeps its key object and its place. */
  set(key: PyValue, value: PyValue): void {
    const bucket = bucketOf(key);
    const entry = this.find(key, bucket);
    if (entry !== undefined) {
      entry.value = value;
      return;
    }
    const fresh = { key, value };
    const entries = this.buckets.get(bucket);
    if (entries === undefined) this.buckets.set(bucket, [fresh]);
    else entries.push(fresh);
    this.order.add(fresh);
  }

  /** `del d[key]`. */
  delete(key: PyValue): void {
    const bucket = bucketOf(key);
    const entries = this.buckets.get(bucket);
    const k = entries === undefined ? -1 : entries.findIndex((e) => e.key === key || eq(e.key, key));
    if (k < 0) throw keyError(key);
    this.order.delete(entries![k]);
    entries!.splice(k, 1);
    if (entries!.length === 0) this.buckets.delete(bucket);
  }

  clear(): void {
    this.buckets.clear();
    this.order.clear();
  }

  /** Entries in insertion order; a change of size meanwhile raises CPython's RuntimeError. */
  *entries(): Generator<Entry> {
    const size = this.order.size;
    for (const entry of this.order) {
      if (this.order.size !== size) throw new RuntimeError('dictionary changed size during iteration');
      yield entry;
    }
    if (this.order.size !== size) throw new RuntimeError('dictionary changed size during iteration');
  }

  *[Symbol.iterator](): Iterator<PyValue> {
    for (const e of this.entries()) yield e.key;
  }

  keyList(): PyValue[] {
    return [...this.order].map((e) => e.key);
  }

  /** `repr(d)`: `{'a': 1}`; a dict met again inside itself is `{...}`. */
  pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    if (this.order.size === 0) return '{}';
    if (seen.has(this)) return '{...}';
    seen.add(this);
    try {
      return `{${[...this.order].map((e) => `${itemRepr(e.key, seen)}: ${itemRepr(e.value, seen)}`).join(', ')}}`;
    } finally {
      seen.delete(this);
    }
  }
}

/** `d.keys()`, `d.values()`, `d.items()`: live views. */
export class DictView implements Iterable<PyValue> {
  constructor(
    readonly dict: PyDict,
    readonly which: 'keys' | 'values' | 'items',
  ) {}
  get __pyTypeName__(): string {
    return `dict_${this.which}`;
  }
  get size(): number {
    return this.dict.size;
  }
  *[Symbol.iterator](): Iterator<PyValue> {
    for (const e of this.dict.entries()) {
      yield this.which === 'keys' ? e.key : this.which === 'values' ? e.value : new PyTuple([e.key, e.value]);
    }
  }
  has(item: PyValue): boolean {
    if (this.which === 'keys') return this.dict.has(item);
    if (this.which === 'values') return [...this].some((v) => v === item || eq(v, item));
    if (!(item instanceof PyTuple) || item.length !== 2) return false;
    const [k, v] = item.items;
    checkHashable(k);
    if (!this.dict.has(k)) return false;
    const value = this.dict.get(k);
    return value === v || eq(value, v);
  }
  pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    if (seen.has(this)) return '...';
    seen.add(this);
    try {
      return `dict_${this.which}([${[...this].map((x) => itemRepr(x, seen)).join(', ')}])`;
    } finally {
      seen.delete(this);
    }
  }
}

// ---------------------------------------------------------------------- construction

/** Ports dict_update_arg / PyDict_MergeFromSeq2: a dict, or an iterable of pairs. */
function mergeFrom(d: PyDict, source: PyValue): void {
  if (source instanceof PyDict) {
    for (const e of [...source.entries()]) d.set(e.key, e.value);
    return;
  }
  let i = 0;
  let items: Iterable<PyValue>;
  try {
    items = iter(source);
  } catch {
    throw new TypeError(`'${typeName(source)}' object is not iterable`);
  }
  for (const item of items) {
    let pair: PyValue[];
    try {
      pair = [...iter(item)];
    } catch {
      throw new TypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
    }
    if (pair.length !== 2) throw new ValueError(`dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    d.set(pair[0], pair[1]);
    i++;
  }
}

function isKwargs(v: unknown): v is Record<string, PyValue> {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** `dict()`, `dict(mapping_or_pairs)`, `dict(**kwargs)` (kwargs as one trailing plain object). */
export function dict(...args: unknown[]): PyDict {
  const kwargs = isKwargs(args[args.length - 1]) ? (args.pop() as Record<string, PyValue>) : {};
  if (args.length > 1) throw new TypeError(`dict expected at most 1 argument, got ${args.length}`);
  const d = new PyDict();
  if (args.length === 1) mergeFrom(d, args[0] as PyValue);
  for (const [k, v] of Object.entries(kwargs)) d.set(k, v);
  return d;
}

/** A dict display `{k: v, ...}`: keys and values alternate, evaluated in that order. */
export function dictDisplay(...kv: PyValue[]): PyDict {
  const d = new PyDict();
  for (let k = 0; k < kv.length; k += 2) d.set(kv[k], kv[k + 1]);
  return d;
}

// ---------------------------------------------------------------------- methods

function arity(name: string, args: PyValue[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  if (min === max && min === 0) throw new TypeError(`dict.${name}() takes no arguments (${args.length} given)`);
  if (min === max) throw new TypeError(`${name} expected ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
  if (args.length < min) throw new TypeError(`${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
  throw new TypeError(`${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`);
}

/** `d.<method>(*args)` (keyword arguments of `update` arrive as one trailing plain object). */
export function dictMethod(d: PyDict, method: string, rawArgs: unknown[]): PyValue {
  const kwargs = isKwargs(rawArgs[rawArgs.length - 1]) ? (rawArgs[rawArgs.length - 1] as Record<string, PyValue>) : undefined;
  const args = (kwargs ? rawArgs.slice(0, -1) : rawArgs) as PyValue[];
  if (kwargs && method !== 'update') throw new TypeError(`dict.${method}() takes no keyword arguments`);
  switch (method) {
    case 'keys':
    case 'values':
    case 'items':
      arity(method, args, 0, 0);
      return new DictView(d, method);
    case 'get':
      arity('get', args, 1, 2);
      return d.lookup(args[0], args.length > 1 ? args[1] : null);
    case 'pop': {
      arity('pop', args, 1, 2);
      if (!d.has(args[0])) {
        if (args.length > 1) return args[1];
        throw keyError(args[0]);
      }
      const value = d.get(args[0]);
      d.delete(args[0]);
      return value;
    }
    case 'popitem': {
      arity('popitem', args, 0, 0);
      const last = [...d.entries()].pop();
      if (last === undefined) throw new KeyError('popitem(): dictionary is empty');
      d.delete(last.key);
      return new PyTuple([last.key, last.value]);
    }
    case 'setdefault':
      arity('setdefault', args, 1, 2);
      if (!d.has(args[0])) d.set(args[0], args.length > 1 ? args[1] : null);
      return d.get(args[0]);
    case 'update':
      if (args.length > 1) throw new TypeError(`update expected at most 1 argument, got ${args.length}`);
      if (args.length === 1) mergeFrom(d, args[0]);
      if (kwargs) for (const [k, v] of Object.entries(kwargs)) d.set(k, v);
      return null;
    case 'clear':
      arity('clear', args, 0, 0);
      d.clear();
      return null;
    case 'copy':
      arity('copy', args, 0, 0);
      return new PyDict([...d.entries()].map((e) => [e.key, e.value] as const));
  }
  throw new AttributeError(`'dict' object has no attribute '${method}'`);
}


/** `a == b` for dicts: same size, every key present with an equal value. */
export function dictEq(a: PyDict, b: PyDict): boolean {
  if (a.size !== b.size) return false;
  for (const e of a.entries()) {
    if (!b.has(e.key)) return false;
    const v = b.get(e.key);
    if (!(v === e.value || eq(e.value, v))) return false;
  }
  return true;
}

/** `a | b` (3.9+): a new dict, `b` winning. */
export function dictOr(a: PyDict, b: PyDict): PyDict {
  const d = new PyDict([...a.entries()].map((e) => [e.key, e.value] as const));
  mergeFrom(d, b);
  return d;
}

setKeyErrorFactory(keyError);
setDictKeysReader((v) => (v instanceof PyDict ? v.keyList() : undefined));
