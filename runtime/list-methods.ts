/**
 * The list methods programs call besides `append`/`pop` (sequences.ts): extend, insert,
 * remove, index, count, sort, reverse, copy, clear; and the sort `sorted()` shares.
 *
 * Ports Objects/listobject.c 3.11 (list_extend, list_insert_impl, list_remove, list_index_impl,
 * list_count, list_sort_impl with count_run and binarysort, list_reverse, list_copy,
 * list_clear) with its messages.
 */
import { TypeError, ValueError } from './exceptions.ts';
import { callValue } from './callable.ts';
import { eq, lt, truthy } from './ops.ts';
import { iter } from './sequences.ts';
import { repr } from './str.ts';
import { typeName, type PyValue } from './values.ts';
import type { Kwargs } from './builtins.ts';

function noKeywords(name: string, kw: Kwargs): void {
  if (Object.keys(kw).length > 0) throw new TypeError(`list.${name}() takes no keyword arguments`);
}

function exactly(name: string, args: PyValue[], n: number): void {
  if (args.length === n) return;
  if (n === 0) throw new TypeError(`list.${name}() takes no arguments (${args.length} given)`);
  if (n === 1) throw new TypeError(`list.${name}() takes exactly one argument (${args.length} given)`);
  throw new TypeError(`${name} expected ${n} arguments, got ${args.length}`);
}

function asIndex(v: PyValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** A slice bound of list.index (`_PyEval_SliceIndexNotNone`), clamped to the list. */
function bound(v: PyValue | undefined, n: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'bigint' && typeof v !== 'boolean') throw new TypeError('slice indices must be integers or have an __index__ method');
  let k = asIndex(v);
  if (k < 0n) {
    k += BigInt(n);
    if (k < 0n) k = 0n;
  }
  return Number(k > BigInt(n) ? BigInt(n) : k);
}

/** Equal as `in` and `list.index` test: identity first, then `==`. */
const same = (a: PyValue, b: PyValue): boolean => a === b || eq(a, b);

type ListMethod = (xs: PyValue[], args: PyValue[], kw: Kwargs) => PyValue;

const METHODS: Record<string, ListMethod> = {
  extend(xs, args, kw) {
    noKeywords('extend', kw);
    exactly('extend', args, 1);
    // list(x) first: `xs.extend(xs)` doubles the list once.
    xs.push(...Array.from(iter(args[0])));
    return null;
  },
  insert(xs, args, kw) {
    noKeywords('insert', kw);
    exactly('insert', args, 2);
    let k = asIndex(args[0]);
    const n = BigInt(xs.length);
    if (k < 0n) {
      k += n;
      if (k < 0n) k = 0n;
    }
    if (k > n) k = n;
    xs.splice(Number(k), 0, args[1]);
    return null;
  },
  remove(xs, args, kw) {
    noKeywords('remove', kw);
    exactly('remove', args, 1);
    for (let i = 0; i < xs.length; i++) {
      if (same(xs[i], args[0])) {
        xs.splice(i, 1);
        return null;
      }
    }
    throw new ValueError('list.remove(x): x not in list');
  },
  index(xs, args, kw) {
    noKeywords('index', kw);
    if (args.length < 1) throw new TypeError(`index expected at least 1 argument, got ${args.length}`);
    if (args.length > 3) throw new TypeError(`index expected at most 3 arguments, got ${args.length}`);
    const start = bound(args[1], xs.length, 0);
    const stop = bound(args[2], xs.length, xs.length);
    for (let i = start; i < stop && i < xs.length; i++) if (same(xs[i], args[0])) return BigInt(i);
    throw new ValueError(`${repr(args[0])} is not in list`);
  },
  count(xs, args, kw) {
    noKeywords('count', kw);
    exactly('count', args, 1);
    let n = 0n;
    for (const x of xs) if (same(x, args[0])) n++;
    return n;
  },
  sort(xs, args, kw) {
    if (args.length > 0) throw new TypeError('sort() takes no positional arguments');
    for (const k of Object.keys(kw)) if (k !== 'key' && k !== 'reverse') throw new TypeError(`sort() got an unexpected keyword argument '${k}'`);
    const sortedItems = sortItems(xs.slice(), kw.key ?? null, kw.reverse ?? false);
    xs.splice(0, xs.length, ...sortedItems);
    return null;
  },
  reverse(xs, args, kw) {
    noKeywords('reverse', kw);
    exactly('reverse', args, 0);
    xs.reverse();
    return null;
  },
  copy(xs, args, kw) {
    noKeywords('copy', kw);
    exactly('copy', args, 0);
    return xs.slice();
  },
  clear(xs, args, kw) {
    noKeywords('clear', kw);
    exactly('clear', args, 0);
    xs.length = 0;
    return null;
  },
};

/** Whether `name` is one of the list methods here. */
export function isListMethod(name: string): boolean {
  return Object.hasOwn(METHODS, name);
}

/** `xs.<name>(*args, **kw)`. */
export function listMethod(xs: PyValue[], name: string, args: PyValue[], kw: Kwargs): PyValue {
  return METHODS[name](xs, args, kw);
}

// ---------------------------------------------------------------------------- sort

/**
 * list.sort's order: stable, `<` only, the keys computed first (once each, in order); with
 * `reverse` the list is reversed before and after, so equal items keep their order. Below 64
 * items this is CPython's exact sequence of comparisons (count_run, then binarysort), so the
 * same comparison raises first; longer lists use a stable merge sort on the same `<`.
 */
export function sortItems(items: PyValue[], key: PyValue, reverseArg: PyValue): PyValue[] {
  const reverse = truthy(reverseArg);
  const keys = key === null ? items.slice() : items.map((item) => callValue(key, item));
  const order = items.map((_, i) => i);
  if (reverse) order.reverse();
  const less = (a: number, b: number): boolean => lt(keys[a], keys[b]);
  let sortedOrder: number[];
  if (order.length < 64) sortedOrder = smallSort(order, less);
  else sortedOrder = order.slice().sort((a, b) => (less(b, a) ? 1 : less(a, b) ? -1 : 0));
  if (reverse) sortedOrder.reverse();
  return sortedOrder.map((i) => items[i]);
}

/** listsort for n < 64: count_run (reversing a strictly descending run), then binarysort. */
function smallSort(a: number[], less: (x: number, y: number) => boolean): number[] {
  const n = a.length;
  if (n < 2) return a;
  let run = 2;
  if (less(a[1], a[0])) {
    while (run < n && less(a[run], a[run - 1])) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < n && !less(a[run], a[run - 1])) run++;
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start];
    let l = 0;
    let r = start;
    do {
      const p = l + ((r - l) >> 1);
      if (less(pivot, a[p])) r = p;
      else l = p + 1;
    } while (l < r);
    for (let p = start; p > l; p--) a[p] = a[p - 1];
    a[l] = pivot;
  }
  return a;
}
