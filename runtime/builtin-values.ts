/**
 * A builtin named as a value rather than called (`key=len`, `map(str, xs)`,
 * `isinstance(x, (int, float))`): a `PyBuiltin` that calls the same runtime function and
 * prints as CPython does, `<built-in function len>` or, for a type, `<class 'int'>`.
 *
 * Ports the reprs of Objects/methodobject.c (meth_repr) and Objects/typeobject.c (type_repr),
 * and the type checks of Python/bltinmodule.c builtin_isinstance for the builtin types.
 */
import * as builtins from './builtins.ts';
import * as more from './builtins-more.ts';
import * as containers from './containers.ts';
import { TypeError } from './exceptions.ts';
import { PyIterator, PyRange, PyTuple, type PyValue } from './values.ts';

/** The builtins that are types (`type(int)` is `type`); the others are builtin functions. */
const TYPES: Record<string, (v: PyValue) => boolean> = {
  int: (v) => typeof v === 'bigint' || typeof v === 'boolean',
  bool: (v) => typeof v === 'boolean',
  float: (v) => typeof v === 'number',
  str: (v) => typeof v === 'string',
  list: (v) => Array.isArray(v),
  tuple: (v) => v instanceof PyTuple,
  range: (v) => v instanceof PyRange,
  enumerate: (v) => v instanceof PyIterator && v.typeName === 'enumerate',
  zip: (v) => v instanceof PyIterator && v.typeName === 'zip',
  map: (v) => v instanceof PyIterator && v.typeName === 'map',
  filter: (v) => v instanceof PyIterator && v.typeName === 'filter',
  reversed: (v) => v instanceof PyIterator && v.typeName === 'reversed',
  // The container types (containers.ts), e.g. `defaultdict(set)`.
  dict: (v) => v instanceof containers.PyDict,
  set: (v) => v instanceof containers.PySet && !v.frozen,
  frozenset: (v) => v instanceof containers.PySet && v.frozen,
};

/** A builtin function or type used as a value. */
export class PyBuiltin {
  readonly __pyTypeName__: string;
  constructor(
    readonly name: string,
    readonly __pyCall__: (...args: PyValue[]) => PyValue,
  ) {
    this.__pyTypeName__ = Object.hasOwn(TYPES, name) ? 'type' : 'builtin_function_or_method';
  }
  /** What asyncio's reprs show of it as a callback (`<Handle print('x')>`: port/format_helpers.ts). */
  get __qualname__(): string {
    return this.name;
  }
  /** Whether it is one of the builtin types (`int`, `str`...). */
  get isType(): boolean {
    return Object.hasOwn(TYPES, this.name);
  }
  __repr__(): string {
    return this.isType ? `<class '${this.name}'>` : `<built-in function ${this.name}>`;
  }
  /**
   * A call with keywords through the value (`p = print; p('x', sep='-')`): the builtins that take
   * keywords read them as a trailing object (builtins.ts splitKwargs); the others take none, as
   * in CPython (`len() takes no keyword arguments`).
   */
  __pyCallKw__(positional: PyValue[], keywords: Record<string, PyValue>): PyValue {
    if (Object.keys(keywords).length === 0) return this.__pyCall__(...positional);
    if (!KEYWORD_BUILTINS.has(this.name)) throw new TypeError(`${this.name}() takes no keyword arguments`);
    return this.__pyCall__(...positional, keywords as unknown as PyValue);
  }
}

/** The builtins whose runtime functions read keyword arguments (a trailing object). */
const KEYWORD_BUILTINS = new Set(['print', 'sorted', 'enumerate', 'sum', 'round', 'min', 'max', 'int', 'dict']);

const cache = new Map<string, PyBuiltin>();

/** The builtin `name` as a value (one object per name: `len is len`). */
export function builtinValue(name: string): PyBuiltin {
  let value = cache.get(name);
  if (value === undefined) {
    const all = { ...builtins, ...more, dict: containers.dict, set: containers.set, frozenset: containers.frozenset };
    const fn = (all as unknown as Record<string, (...a: PyValue[]) => PyValue>)[name];
    if (typeof fn !== 'function') throw new Error(`no builtin ${name} in the runtime`);
    value = new PyBuiltin(name, fn);
    cache.set(name, value);
  }
  return value;
}

/** `isinstance(obj, classinfo)`: a builtin type, a tuple of them (nested), or a JS class (a hook for user classes). */
export function isInstanceOf(obj: PyValue, classinfo: PyValue): boolean {
  if (classinfo instanceof PyBuiltin && classinfo.isType) return TYPES[classinfo.name](obj);
  if (classinfo instanceof PyTuple) return classinfo.items.some((c) => isInstanceOf(obj, c));
  if (typeof classinfo === 'function') return obj instanceof (classinfo as new (...a: never[]) => unknown);
  throw new TypeError('isinstance() arg 2 must be a type, a tuple of types, or a union');
}

