/**
 * Ports reprlib.py, 3.11: `reprlib.repr`, the size-limited repr a Future's repr uses for its
 * result (`result=[1, 2, 3, 4, 5, 6, ...]`, `result='xxxxxxxxxxxx...xxxxxxxxxxxxx'`), with
 * `Repr`'s default limits. Also `reprlib.recursive_repr`'s guard.
 */
import { repr as builtinRepr } from './str.ts';
import { PyTuple } from './values.ts';

const FILL = '...';
const MAX_LEVEL = 6;
const MAX_TUPLE = 6;
const MAX_LIST = 6;
const MAX_SET = 6;
const MAX_STRING = 30;
const MAX_LONG = 40;
const MAX_OTHER = 30;

/** Python's `len()` and slicing of a str count code points, not UTF-16 units. */
const codePoints = (s: string): string[] => Array.from(s);

/** `s[:i] + fill + s[len(s)-j:]` with `maxsize`'s split, over code points. */
function shorten(s: string, maxsize: number): string {
  const cps = codePoints(s);
  if (cps.length <= maxsize) return s;
  const i = Math.max(0, Math.floor((maxsize - 3) / 2));
  const j = Math.max(0, maxsize - 3 - i);
  return cps.slice(0, i).join('') + FILL + cps.slice(cps.length - j).join('');
}

function reprIterable(items: readonly unknown[], level: number, left: string, right: string, maxiter: number, trail = ''): string {
  const n = items.length;
  let s: string;
  if (level <= 0 && n) s = FILL;
  else {
    const pieces = items.slice(0, maxiter).map((item) => repr1(item, level - 1));
    if (n > maxiter) pieces.push(FILL);
    s = pieces.join(', ');
    if (n === 1 && trail) right = trail + right;
  }
  return `${left}${s}${right}`;
}

/** Ports reprlib.Repr.repr_str, 3.11. */
function reprStr(x: string): string {
  const cps = codePoints(x);
  let s = builtinRepr(cps.slice(0, MAX_STRING).join(''));
  if (codePoints(s).length > MAX_STRING) {
    const i = Math.max(0, Math.floor((MAX_STRING - 3) / 2));
    const j = Math.max(0, MAX_STRING - 3 - i);
    const inner = codePoints(builtinRepr(cps.slice(0, i).join('') + cps.slice(cps.length - j).join('')));
    s = inner.slice(0, i).join('') + FILL + inner.slice(inner.length - j).join('');
  }
  return s;
}

/** Ports reprlib.Repr.repr1, 3.11: dispatch on the type's name (`repr_list`, ...), else repr_instance. */
function repr1(x: unknown, level: number): string {
  if (typeof x === 'string') return reprStr(x);
  if (typeof x === 'bigint') return shorten(x.toString(), MAX_LONG);
  if (Array.isArray(x)) return reprIterable(x, level, '[', ']', MAX_LIST);
  if (x instanceof PyTuple) return reprIterable(x.items, level, '(', ')', MAX_TUPLE, ',');
  if (x instanceof Set) {
    if (x.size === 0) return 'set()';
    return reprIterable(possiblySorted([...x]), level, '{', '}', MAX_SET);
  }
  // repr_instance: the builtin repr, shortened to maxother.
  return shorten(builtinRepr(x), MAX_OTHER);
}

/** Ports reprlib._possibly_sorted, 3.11: sorted when the items compare (numbers here), else as iterated. */
function possiblySorted(items: unknown[]): unknown[] {
  if (items.every((x) => typeof x === 'bigint' || typeof x === 'number')) {
    return [...items].sort((a, b) => (Number(a as number) < Number(b as number) ? -1 : Number(a as number) > Number(b as number) ? 1 : 0));
  }
  return items;
}

/** Ports reprlib.repr, 3.11 (`aRepr.repr`). */
export function repr(x: unknown): string {
  return repr1(x, MAX_LEVEL);
}

/** Ports reprlib.recursive_repr, 3.11: a repr that meets its own object again says `...`. */
export function recursiveRepr<T extends object>(fn: (obj: T) => string): (obj: T) => string {
  const running = new Set<T>();
  return (obj: T): string => {
    if (running.has(obj)) return '...';
    running.add(obj);
    try {
      return fn(obj);
    } finally {
      running.delete(obj);
    }
  };
}
