/**
 * Ports heapq.py, 3.11 (the pure-Python algorithm, which `_heapq`'s C code repeats
 * comparison for comparison). Timers with equal deadlines come out of the loop's heap
 * in the order this exact algorithm gives (5 equal pushes pop 0, 2, 4, 1, 3), so a port
 * that wants CPython's tie order must sift exactly like this, not like a stable queue.
 *
 * Python compares items with `<` (`__lt__`); here every function takes that `lt`.
 */

/** `a < b` as Python's heapq asks it. */
export type LessThan<T> = (a: T, b: T) => boolean;

import { IndexError } from '../runtime/exceptions.ts';

const defaultLt = <T>(a: T, b: T): boolean => (a as unknown as number) < (b as unknown as number);

/** Ports heapq.py heappush, 3.11. */
export function heappush<T>(heap: T[], item: T, lt: LessThan<T> = defaultLt): void {
  heap.push(item);
  _siftdown(heap, 0, heap.length - 1, lt);
}

/** Ports heapq.py heappop, 3.11. Raises IndexError (as `list.pop`) on an empty heap. */
export function heappop<T>(heap: T[], lt: LessThan<T> = defaultLt): T {
  if (heap.length === 0) throw new IndexError('index out of range');
  const lastelt = heap.pop() as T;
  if (heap.length > 0) {
    const returnitem = heap[0];
    heap[0] = lastelt;
    _siftup(heap, 0, lt);
    return returnitem;
  }
  return lastelt;
}

/** Ports heapq.py heapify, 3.11: bottom-up, `_siftup` from `n//2 - 1` down to 0. */
export function heapify<T>(x: T[], lt: LessThan<T> = defaultLt): void {
  const n = x.length;
  for (let i = Math.floor(n / 2) - 1; i >= 0; i--) _siftup(x, i, lt);
}

/**
 * Ports heapq.py _siftdown, 3.11. `heap` is a heap at all indices >= startpos, except
 * possibly for pos; moves parents down until newitem fits (strict `<`: an equal parent stays).
 */
export function _siftdown<T>(heap: T[], startpos: number, pos: number, lt: LessThan<T> = defaultLt): void {
  const newitem = heap[pos];
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    const parent = heap[parentpos];
    if (lt(newitem, parent)) {
      heap[pos] = parent;
      pos = parentpos;
      continue;
    }
    break;
  }
  heap[pos] = newitem;
}

/**
 * Ports heapq.py _siftup, 3.11: bubbles the smaller child up to a leaf (the right child
 * wins ties: `not heap[child] < heap[right]`), then sifts newitem down from there.
 */
export function _siftup<T>(heap: T[], pos: number, lt: LessThan<T> = defaultLt): void {
  const endpos = heap.length;
  const startpos = pos;
  const newitem = heap[pos];
  let childpos = 2 * pos + 1;
  while (childpos < endpos) {
    const rightpos = childpos + 1;
    if (rightpos < endpos && !lt(heap[childpos], heap[rightpos])) childpos = rightpos;
    heap[pos] = heap[childpos];
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  _siftdown(heap, startpos, pos, lt);
}
