/**
 * `itertools` (issue 8 item 9): count, cycle, repeat, islice, chain (and chain.from_iterable),
 * product, permutations, combinations, accumulate, groupby, zip_longest, pairwise, as
 * Modules/itertoolsmodule.c (3.11) yields them: lazily (an endless `count()` is fine under
 * `islice` or a `break`), each a PyIterator named as `type(it).__name__` says, with the
 * module's messages for bad arguments. Every function takes `(positional, keywords)`.
 */
import { callValue } from './callable.ts';
import { TypeError, ValueError } from './exceptions.ts';
import { add, eq } from './ops.ts';
import { iter } from './sequences.ts';
import { PyIterator, PyTuple, typeName, type PyValue } from './values.ts';

type Keywords = Record<string, PyValue>;

function iterator(name: string, source: Iterator<PyValue>): PyIterator {
  return new PyIterator(name, source);
}

function noKeywords(name: string, kw: Keywords): void {
  if (Object.keys(kw).length > 0) throw new TypeError(`${name}() takes no keyword arguments`);
}

function asInt(v: PyValue, message: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError(message.replace('%T', typeName(v)));
}

/** The JS iterator of a Python iterable (an iterator object is its own iterator, as Python's are). */
function jsIterator(v: PyValue): Iterator<PyValue> {
  return iter(v)[Symbol.iterator]();
}

/** `count(start=0, step=1)`. */
export function count(args: PyValue[], kw: Keywords = {}): PyIterator {
  const start = args[0] ?? kw.start ?? 0n;
  const step = args[1] ?? kw.step ?? 1n;
  for (const v of [start, step]) if (typeof v !== 'bigint' && typeof v !== 'number' && typeof v !== 'boolean') throw new TypeError('a number is required');
  function* gen(): Generator<PyValue> {
    for (let n: PyValue = start; ; n = add(n, step)) yield n;
  }
  return iterator('count', gen());
}

/** `cycle(iterable)`: saves what it saw, then repeats it. */
export function cycle(args: PyValue[], kw: Keywords = {}): PyIterator {
  noKeywords('cycle', kw);
  const source = jsIterator(args[0]);
  function* gen(): Generator<PyValue> {
    const saved: PyValue[] = [];
    for (let r = source.next(); !r.done; r = source.next()) {
      saved.push(r.value);
      yield r.value;
    }
    if (saved.length === 0) return;
    for (;;) yield* saved;
  }
  return iterator('cycle', gen());
}

/** `repeat(object[, times])`. */
export function repeat(args: PyValue[], kw: Keywords = {}): PyIterator {
  const value = args[0];
  const timesArg = args.length > 1 ? args[1] : kw.times;
  const times = timesArg === undefined ? undefined : asInt(timesArg, "'%T' object cannot be interpreted as an integer");
  function* gen(): Generator<PyValue> {
    if (times === undefined) for (;;) yield value;
    for (let k = 0n; k < times; k++) yield value;
  }
  return iterator('repeat', gen());
}

function isliceArg(v: PyValue, which: 'Stop' | 'Indices'): bigint | null {
  if (v === null) return null;
  const message = which === 'Stop'
    ? 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
    : 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.';
  if (typeof v !== 'bigint' && typeof v !== 'boolean') throw new ValueError(message);
  const n = asInt(v, '');
  if (n < 0n) throw new ValueError(message);
  return n;
}

/** `islice(iterable, stop)` / `islice(iterable, start, stop[, step])` (islice_new, islice_next). */
export function islice(args: PyValue[], kw: Keywords = {}): PyIterator {
  noKeywords('islice', kw);
  if (args.length < 2 || args.length > 4) throw new TypeError(`islice expected at most 4 arguments, got ${args.length}`);
  let start = 0n;
  let stop: bigint | null;
  let step = 1n;
  if (args.length === 2) stop = isliceArg(args[1], 'Stop');
  else {
    start = isliceArg(args[1], 'Indices') ?? 0n;
    stop = isliceArg(args[2], 'Stop');
    if (args.length === 4) {
      const s = args[3] === null ? 1n : isliceArg(args[3], 'Indices');
      if (s === null || s === 0n) throw new ValueError('Step for islice() must be a positive integer or None.');
      step = s;
    }
  }
  const source = jsIterator(args[0]);
  function* gen(): Generator<PyValue> {
    let next = start;
    for (let k = 0n; stop === null || k < stop; k++) {
      // islice_next stops before pulling an item past `stop`.
      const r = source.next();
      if (r.done) return;
      if (k === next) {
        yield r.value;
        next += step;
      }
    }
  }
  return iterator('islice', gen());
}

/** `chain(*iterables)`: each one's items in turn. */
export function chain(args: PyValue[], kw: Keywords = {}): PyIterator {
  noKeywords('chain', kw);
  return fromIterable([args], {}, 'chain');
}

/** `chain.from_iterable(iterable)`: its iterables' items in turn, each taken lazily. */
export function fromIterable(args: PyValue[], kw: Keywords = {}, name = 'chain'): PyIterator {
  noKeywords('from_iterable', kw);
  const sources = jsIterator(args[0]);
  function* gen(): Generator<PyValue> {
    for (let r = sources.next(); !r.done; r = sources.next()) yield* iter(r.value);
  }
  return iterator(name, gen());
}
chain.from_iterable = fromIterable;

/** `product(*iterables, repeat=1)`: the cartesian product, the rightmost element advancing first. */
export function product(args: PyValue[], kw: Keywords = {}): PyIterator {
  for (const k of Object.keys(kw)) if (k !== 'repeat') throw new TypeError(`product() got an unexpected keyword argument '${k}'`);
  const times = kw.repeat === undefined ? 1n : asInt(kw.repeat, "'%T' object cannot be interpreted as an integer");
  if (times < 0n) throw new ValueError('repeat argument cannot be negative');
  const pools: PyValue[][] = [];
  const base = args.map((a) => [...iter(a)]);
  for (let k = 0n; k < times; k++) pools.push(...base);
  function* gen(): Generator<PyValue> {
    if (pools.some((p) => p.length === 0)) return;
    const index = pools.map(() => 0);
    for (;;) {
      yield new PyTuple(index.map((i, k) => pools[k][i]));
      let k = pools.length - 1;
      while (k >= 0 && ++index[k] === pools[k].length) index[k--] = 0;
      if (k < 0) return;
    }
  }
  return iterator('product', gen());
}

function rArg(v: PyValue | undefined, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  const r = asInt(v, 'Expected int as r');
  if (r < 0n) throw new ValueError('r must be non-negative');
  return Number(r);
}

/** `permutations(iterable, r=None)`, in the order of the docs' pure-Python equivalent. */
export function permutations(args: PyValue[], kw: Keywords = {}): PyIterator {
  const pool = [...iter(args[0])];
  const n = pool.length;
  const r = rArg(args.length > 1 ? args[1] : kw.r, n);
  function* gen(): Generator<PyValue> {
    if (r > n) return;
    const indices = pool.map((_, k) => k);
    const cycles = Array.from({ length: r }, (_, k) => n - k);
    yield new PyTuple(indices.slice(0, r).map((i) => pool[i]));
    while (n > 0) {
      let k = r - 1;
      for (; k >= 0; k--) {
        cycles[k]--;
        if (cycles[k] === 0) {
          indices.push(...indices.splice(k, 1));
          cycles[k] = n - k;
        } else {
          const j = n - cycles[k];
          [indices[k], indices[j]] = [indices[j], indices[k]];
          yield new PyTuple(indices.slice(0, r).map((i) => pool[i]));
          break;
        }
      }
      if (k < 0) return;
    }
  }
  return iterator('permutations', gen());
}

/** `combinations(iterable, r)`, in lexicographic order of positions. */
export function combinations(args: PyValue[], kw: Keywords = {}): PyIterator {
  if (args.length + Object.keys(kw).length < 2) throw new TypeError("combinations() missing required argument 'r' (pos 2)");
  const pool = [...iter(args[0])];
  const n = pool.length;
  const r = rArg(args.length > 1 ? args[1] : kw.r, 0);
  function* gen(): Generator<PyValue> {
    if (r > n) return;
    const indices = Array.from({ length: r }, (_, k) => k);
    yield new PyTuple(indices.map((i) => pool[i]));
    for (;;) {
      let k = r - 1;
      while (k >= 0 && indices[k] === k + n - r) k--;
      if (k < 0) return;
      indices[k]++;
      for (let j = k + 1; j < r; j++) indices[j] = indices[j - 1] + 1;
      yield new PyTuple(indices.map((i) => pool[i]));
    }
  }
  return iterator('combinations', gen());
}

/** `accumulate(iterable, func=operator.add, *, initial=None)`. */
export function accumulate(args: PyValue[], kw: Keywords = {}): PyIterator {
  const func = args.length > 1 ? args[1] : kw.func ?? null;
  const initial = kw.initial ?? null;
  const source = jsIterator(args[0]);
  function* gen(): Generator<PyValue> {
    let total: PyValue | undefined = initial === null ? undefined : initial;
    if (total !== undefined) yield total;
    for (let r = source.next(); !r.done; r = source.next()) {
      total = total === undefined ? r.value : func === null ? add(total, r.value) : callValue(func, total, r.value);
      yield total;
    }
  }
  return iterator('accumulate', gen());
}

/**
 * `groupby(iterable, key=None)`: (key, group) pairs, a group being an iterator over the shared
 * source that ends where the key changes; advancing the groupby skips the rest of a group
 * (groupbyobject and _grouperobject).
 */
export function groupby(args: PyValue[], kw: Keywords = {}): PyIterator {
  const keyFunc = args.length > 1 ? args[1] : kw.key ?? null;
  const source = jsIterator(args[0]);
  const keyOf = (v: PyValue): PyValue => (keyFunc === null ? v : callValue(keyFunc, v));
  const state: { done: boolean; value?: PyValue; key?: PyValue; group: number } = { done: false, group: 0 };
  const advance = (): void => {
    const r = source.next();
    if (r.done) state.done = true;
    else {
      state.value = r.value;
      state.key = keyOf(r.value);
    }
  };
  function* grouper(id: number, key: PyValue): Generator<PyValue> {
    for (;;) {
      if (state.group !== id || state.done) return;
      if (!(state.key === key || eq(state.key as PyValue, key))) return;
      const value = state.value as PyValue;
      advance();
      yield value;
    }
  }
  function* gen(): Generator<PyValue> {
    let started = false;
    let current: PyValue | undefined;
    for (;;) {
      if (!started) {
        advance();
        started = true;
      }
      // Skip what is left of the previous group.
      while (!state.done && current !== undefined && (state.key === current || eq(state.key as PyValue, current))) advance();
      if (state.done) return;
      current = state.key as PyValue;
      state.group++;
      yield new PyTuple([current, iterator('_grouper', grouper(state.group, current))]);
    }
  }
  return iterator('groupby', gen());
}

/** `zip_longest(*iterables, fillvalue=None)`. */
export function zip_longest(args: PyValue[], kw: Keywords = {}): PyIterator {
  for (const k of Object.keys(kw)) if (k !== 'fillvalue') throw new TypeError(`zip_longest() got an unexpected keyword argument '${k}'`);
  const fill = kw.fillvalue ?? null;
  const sources = args.map(jsIterator);
  function* gen(): Generator<PyValue> {
    if (sources.length === 0) return;
    const active = sources.map(() => true);
    for (;;) {
      const row = sources.map((s, k) => {
        if (!active[k]) return fill;
        const r = s.next();
        if (r.done) {
          active[k] = false;
          return fill;
        }
        return r.value;
      });
      if (!active.some((a) => a)) return;
      yield new PyTuple(row);
    }
  }
  return iterator('zip_longest', gen());
}

/** `pairwise(iterable)`: overlapping pairs. */
export function pairwise(args: PyValue[], kw: Keywords = {}): PyIterator {
  noKeywords('pairwise', kw);
  const source = jsIterator(args[0]);
  function* gen(): Generator<PyValue> {
    let previous = source.next();
    if (previous.done) return;
    for (let r = source.next(); !r.done; r = source.next()) {
      yield new PyTuple([previous.value, r.value]);
      previous = r;
    }
  }
  return iterator('pairwise', gen());
}
