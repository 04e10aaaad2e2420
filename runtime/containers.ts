/**
 * What transpiled code calls for dict, set and frozenset (`py.<name>`): displays,
 * comprehensions' targets, the builtins `dict()`/`set()`/`frozenset()`, methods, the
 * operators `| & ^ -` (also on ints and bools, as CPython's number protocol does), `del`,
 * starred unpacking. The shared operators of ops.ts/sequences.ts/builtins.ts delegate here
 * for these types.
 *
 * The native profile's sets are `InsertionOrderedSet`s (JS `Set` order): its runtime swaps
 * `setDisplay`, `set` and `frozenset` (native/runtime.ts) and every set made from one keeps
 * its kind.
 */
import { AttributeError, IndexError, TypeError, ValueError } from './exceptions.ts';
import { DictView, PyDict, dict, dictDisplay, dictEq, dictMethod, dictOr, keyError } from './dict.ts';
import {
  InsertionOrderedSet, PySet, difference, intersection, intersectionUpdate, isdisjoint, issubset, issuperset,
  setBinOp, setEq, setInPlace, setOrder, symmetricDifference, union,
} from './set.ts';
import { PySlice, delSlice } from './slice.ts';
import { iter } from './sequences.ts';
import { typeName, type PyValue } from './values.ts';

export { PyDict, DictView, PySet, InsertionOrderedSet, dict, dictDisplay };

/** dict, set, frozenset or a dict view: what has a `size` and a `has`. */
export function isContainer(v: unknown): v is PyDict | PySet | DictView {
  return v instanceof PyDict || v instanceof PySet || v instanceof DictView;
}

/** How a set display is built, decided by the transpiler from the Python source (see setDisplay). */
export type SetDisplayMode = 'build' | 'constant' | 'frozenConstant';

/**
 * A set display `{a, b, *c}` as CPython 3.11 compiles it:
 * - `build`: BUILD_SET adds each element in order (a starred one: SET_UPDATE);
 * - `constant`: more than two elements, all constants: the compiler folds them into a
 *   frozenset constant, then BUILD_SET 0 + SET_UPDATE merges that frozenset's table
 *   (set_merge), which can order the set differently from adding one by one (and the
 *   constant itself is rebuilt once by compile.c merge_consts_recursive);
 * - `frozenConstant`: an all-constant display iterated by `for`/a comprehension: the AST
 *   optimiser (fold_iter) makes it the frozenset constant itself.
 * `starred` lists the positions of `*x` elements.
 */
export function setDisplayOf(make: (frozen: boolean) => PySet, mode: SetDisplayMode, items: PyValue[], starred: number[] = [], rebuilds = 1): PySet {
  if (mode === 'build') {
    const s = make(false);
    items.forEach((item, k) => (starred.includes(k) ? s.updateFrom(item) : s.addKey(item)));
    return s;
  }
  let constant = make(true);
  for (const item of items) constant.addKey(item);
  // The compiler rebuilds a frozenset constant from a tuple of its items in iteration order
  // (compile.c merge_consts_recursive; codeobject.c intern_string_constants when interning
  // changed one of its strs): each rebuild is a new table, which may order differently.
  for (let k = 0; k < rebuilds; k++) {
    const rebuilt = make(true);
    for (const item of [...constant]) rebuilt.addKey(item);
    constant = rebuilt;
  }
  if (mode === 'frozenConstant') return constant;
  const s = make(false);
  s.updateFrom(constant);
  return s;
}

const makePySet = (frozen: boolean): PySet => new PySet(frozen);

export function setDisplay(mode: SetDisplayMode, items: PyValue[], starred: number[] = [], rebuilds = 1): PySet {
  return setDisplayOf(makePySet, mode, items, starred, rebuilds);
}

/** `set(iterable=())` (make_new_set). */
export function set(...args: PyValue[]): PySet {
  return setOf(makePySet, 'set', args);
}

/** `frozenset(iterable=())`; a frozenset argument comes back as itself. */
export function frozenset(...args: PyValue[]): PySet {
  return setOf(makePySet, 'frozenset', args);
}

export function setOf(make: (frozen: boolean) => PySet, name: 'set' | 'frozenset', args: PyValue[]): PySet {
  if (args.length > 1) throw new TypeError(`${name} expected at most 1 argument, got ${args.length}`);
  if (name === 'frozenset' && args[0] instanceof PySet && args[0].frozen) return args[0];
  const s = make(name === 'frozenset');
  if (args.length === 1) s.updateFrom(args[0]);
  return s;
}

/** The element a comprehension adds (SET_ADD). */
export function setAdd(s: PySet, item: PyValue): void {
  s.addKey(item);
}

/** An empty set of `like`'s kind (the native profile's comprehension starts from its own). */
export function emptySet(): PySet {
  return new PySet(false);
}

const makeOrderedSet = (frozen: boolean): PySet => new InsertionOrderedSet(frozen);

/** The native profile's set constructors: insertion-ordered sets (a JS `Set`'s order). */
export const nativeSets = {
  setDisplay: (mode: SetDisplayMode, items: PyValue[], starred: number[] = [], rebuilds = 1): PySet => setDisplayOf(makeOrderedSet, mode, items, starred, rebuilds),
  set: (...args: PyValue[]): PySet => setOf(makeOrderedSet, 'set', args),
  frozenset: (...args: PyValue[]): PySet => setOf(makeOrderedSet, 'frozenset', args),
  emptySet: (): PySet => new InsertionOrderedSet(false),
};

// ---------------------------------------------------------------------- methods

function exactly(name: string, args: PyValue[], n: number): void {
  if (args.length !== n) {
    if (n === 0) throw new TypeError(`${name}() takes no arguments (${args.length} given)`);
    throw new TypeError(`${name}() takes exactly one argument (${args.length} given)`);
  }
}

/** `s.<method>(*args)` on a set or frozenset (set_methods / frozenset_methods). */
function setMethod(s: PySet, method: string, args: PyValue[]): PyValue {
  const qual = `${s.frozen ? 'frozenset' : 'set'}.${method}`;
  const mutators = ['add', 'discard', 'remove', 'pop', 'clear', 'update', 'intersection_update', 'difference_update', 'symmetric_difference_update'];
  if (mutators.includes(method)) s.mutable(method);
  switch (method) {
    case 'add':
      exactly(qual, args, 1);
      s.addKey(args[0]);
      return null;
    case 'discard':
      exactly(qual, args, 1);
      s.discard(args[0]);
      return null;
    case 'remove':
      exactly(qual, args, 1);
      s.remove(args[0]);
      return null;
    case 'pop':
      exactly(qual, args, 0);
      return s.pop();
    case 'clear':
      exactly(qual, args, 0);
      s.clear();
      return null;
    case 'copy':
      exactly(qual, args, 0);
      return s.frozen ? s : s.copyAs(false);
    case 'update':
      for (const a of args) s.updateFrom(a);
      return null;
    case 'union':
      return union(s, args);
    case 'intersection': {
      if (args.length === 0) return s.copyAs(s.frozen);
      let r: PySet = s;
      for (const a of args) r = intersection(r, a);
      return r;
    }
    case 'intersection_update':
      intersectionUpdate(s, args);
      return null;
    case 'difference': {
      if (args.length === 0) return s.copyAs(s.frozen);
      const r = difference(s, args[0]);
      for (const a of args.slice(1)) r.differenceUpdate(a);
      return r;
    }
    case 'difference_update':
      for (const a of args) s.differenceUpdate(a);
      return null;
    case 'symmetric_difference':
      exactly(qual, args, 1);
      return symmetricDifference(s, args[0]);
    case 'symmetric_difference_update':
      exactly(qual, args, 1);
      s.symmetricDifferenceUpdate(args[0]);
      return null;
    case 'issubset':
      exactly(qual, args, 1);
      return issubset(s, args[0]);
    case 'issuperset':
      exactly(qual, args, 1);
      return issuperset(s, args[0]);
    case 'isdisjoint':
      exactly(qual, args, 1);
      return isdisjoint(s, args[0]);
  }
  throw new AttributeError(`'${typeName(s)}' object has no attribute '${method}'`);
}

/** `obj.<method>(*args)` when obj is a dict, set or view; undefined when it is none of them. */
export function containerMethod(obj: PyValue, method: string, args: unknown[]): PyValue | undefined {
  if (obj instanceof PyDict) return dictMethod(obj, method, args);
  if (obj instanceof PySet) return setMethod(obj, method, args as PyValue[]);
  if (obj instanceof DictView) throw new AttributeError(`'${typeName(obj)}' object has no attribute '${method}'`);
  return undefined;
}

// ---------------------------------------------------------------------- operators

const BIT_NAMES: Record<string, string> = { '|': '|', '&': '&', '^': '^' };

function unsupported(op: string, a: PyValue, b: PyValue): TypeError {
  return new TypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function asInt(v: PyValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

/** `a | b`, `a & b`, `a ^ b`: ints and bools bitwise (bool op bool stays bool), sets, dict `|`. */
function bitOp(op: '|' | '&' | '^', a: PyValue, b: PyValue, inPlace: boolean): PyValue {
  if (typeof a === 'boolean' && typeof b === 'boolean') return op === '|' ? a || b : op === '&' ? a && b : a !== b;
  const x = asInt(a);
  const y = asInt(b);
  if (x !== undefined && y !== undefined) return op === '|' ? x | y : op === '&' ? x & y : x ^ y;
  if (a instanceof PySet && b instanceof PySet) return inPlace ? setInPlace(op, a, b) : setBinOp(op, a, b);
  if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
    if (!inPlace) return dictOr(a, b);
    dictMethod(a, 'update', [b]);
    return a;
  }
  if (op === '|' && inPlace && a instanceof PyDict) {
    dictMethod(a, 'update', [b]);
    return a;
  }
  throw unsupported(inPlace ? `${BIT_NAMES[op]}=` : BIT_NAMES[op], a, b);
}

export const bitor = (a: PyValue, b: PyValue): PyValue => bitOp('|', a, b, false);
export const bitand = (a: PyValue, b: PyValue): PyValue => bitOp('&', a, b, false);
export const bitxor = (a: PyValue, b: PyValue): PyValue => bitOp('^', a, b, false);
export const ior = (a: PyValue, b: PyValue): PyValue => bitOp('|', a, b, true);
export const iand = (a: PyValue, b: PyValue): PyValue => bitOp('&', a, b, true);
export const ixor = (a: PyValue, b: PyValue): PyValue => bitOp('^', a, b, true);

/** `a - b` on two sets; undefined when they are not both sets (ops.sub goes on). */
export function setSub(a: PyValue, b: PyValue): PySet | undefined {
  return a instanceof PySet && b instanceof PySet ? setBinOp('-', a, b) : undefined;
}

/** `a -= b`: in place on a set, else `a - b` (ops.sub). */
export function isubSet(a: PyValue, b: PyValue): PySet | undefined {
  return a instanceof PySet && b instanceof PySet ? setInPlace('-', a, b) : undefined;
}

/** `a == b` for dicts and sets; undefined when neither is one. */
export function containerEq(a: PyValue, b: PyValue): boolean | undefined {
  if (a instanceof PyDict || b instanceof PyDict) return a instanceof PyDict && b instanceof PyDict ? dictEq(a, b) : false;
  if (a instanceof PySet || b instanceof PySet) return a instanceof PySet && b instanceof PySet ? setEq(a, b) : false;
  return undefined;
}

/** `<`, `<=`, `>`, `>=` between two sets (subset order); undefined otherwise. */
export function containerOrder(a: PyValue, b: PyValue, op: '<' | '<=' | '>' | '>='): boolean | undefined {
  if (a instanceof PySet && b instanceof PySet) return setOrder(a, b, op);
  return undefined;
}

/** `del v[i]`: dict keys, list items (negative too) and list slices. */
export function delitem(v: PyValue, i: PyValue): null {
  if (v instanceof PyDict) {
    v.delete(i);
    return null;
  }
  if (Array.isArray(v)) {
    if (i instanceof PySlice) {
      delSlice(v, i);
      return null;
    }
    const k = asInt(i);
    if (k === undefined) throw new TypeError(`list indices must be integers or slices, not ${typeName(i)}`);
    const j = k < 0n ? k + BigInt(v.length) : k;
    if (j < 0n || j >= BigInt(v.length)) throw new IndexError('list assignment index out of range');
    v.splice(Number(j), 1);
    return null;
  }
  if (i instanceof PySlice) throw new TypeError(`'${typeName(v)}' object does not support item deletion`);
  throw new TypeError(`'${typeName(v)}' object doesn't support item deletion`);
}

/** `a, *rest, z = v`: `before` items, the rest as a list, `after` items (ceval.c unpack_iterable). */
export function unpackStar(v: PyValue, before: number, after: number): PyValue[] {
  let items: PyValue[];
  try {
    items = Array.from(iter(v));
  } catch {
    throw new TypeError(`cannot unpack non-iterable ${typeName(v)} object`);
  }
  if (items.length < before + after) {
    throw new ValueError(`not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
  }
  return [...items.slice(0, before), items.slice(before, items.length - after), ...items.slice(items.length - after)];
}

export { keyError };

// ---------------------------------------------------------------------- the shared operations' hooks

import { containerHooks } from './container-hooks.ts';
import { getSlice, setSlice } from './slice.ts';

Object.assign(containerHooks, {
  len: (v: PyValue) => (isContainer(v) ? BigInt(v.size) : undefined),
  contains: (c: PyValue, item: PyValue) => (isContainer(c) ? c.has(item) : undefined),
  eq: containerEq,
  order: containerOrder,
  sub: setSub,
  iterable: isContainer,
  getitem: (v: PyValue, i: PyValue) => {
    if (v instanceof PyDict) return { value: v.get(i) };
    if (i instanceof PySlice) return { value: getSlice(v, i) };
    return undefined;
  },
  setitem: (v: PyValue, i: PyValue, x: PyValue) => {
    if (v instanceof PyDict) v.set(i, x);
    else if (i instanceof PySlice) setSlice(v, i, x);
    else return false;
    return true;
  },
  method: (obj: PyValue, method: string, args: unknown[]) => {
    const value = containerMethod(obj, method, args);
    return value === undefined ? undefined : { value };
  },
} satisfies typeof containerHooks);

/** `a -= b`: a set in place (set_isub), else `a - b`. */
export function isub(a: PyValue, b: PyValue): PyValue {
  return isubSet(a, b) ?? subOp(a, b);
}
import { sub as subOp } from './ops.ts';
