/**
 * Slicing `xs[a:b:c]` of list, tuple, str and range, slice assignment and `del` of a slice
 * on lists. Ports Objects/sliceobject.c (PySlice_Unpack, PySlice_AdjustIndices) and the
 * slice branches of listobject.c (list_subscript, list_ass_subscript), tupleobject.c,
 * unicodeobject.c and rangeobject.c, with CPython 3.11's messages.
 */
import { TypeError, ValueError } from './exceptions.ts';
import { chars, iter } from './sequences.ts';
import { PyRange, PyTuple, typeName, type PyValue } from './values.ts';

/** `slice(start, stop, step)`: what `xs[a:b:c]` passes as the index. */
export class PySlice {
  readonly __pyTypeName__ = 'slice';
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {}
}

/** `a:b:c` as an index (omitted parts are None). */
export function slice(start: PyValue = null, stop: PyValue = null, step: PyValue = null): PySlice {
  return new PySlice(start, stop, step);
}

function sliceIndex(v: PyValue): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError('slice indices must be integers or None or have an __index__ method');
}

/** Ports PySlice_Unpack + PySlice_AdjustIndices: [start, stop, step, length]. */
export function sliceIndices(s: PySlice, length: bigint): [bigint, bigint, bigint, bigint] {
  const stepArg = sliceIndex(s.step);
  const step = stepArg ?? 1n;
  if (step === 0n) throw new ValueError('slice step cannot be zero');
  const lower = step < 0n ? -1n : 0n;
  const upper = step < 0n ? length - 1n : length;
  const clamp = (v: bigint | null, fallback: bigint): bigint => {
    if (v === null) return fallback;
    if (v < 0n) {
      v += length;
      return v < lower ? lower : v;
    }
    return v > upper ? upper : v;
  };
  const start = clamp(sliceIndex(s.start), step < 0n ? upper : lower);
  const stop = clamp(sliceIndex(s.stop), step < 0n ? lower : upper);
  let count = 0n;
  if (step < 0n) {
    if (stop < start) count = (start - stop - 1n) / -step + 1n;
  } else if (start < stop) count = (stop - start - 1n) / step + 1n;
  return [start, stop, step, count];
}

function picks<T>(items: readonly T[], s: PySlice): T[] {
  const [start, , step, count] = sliceIndices(s, BigInt(items.length));
  const result: T[] = [];
  for (let k = 0n, i = start; k < count; k++, i += step) result.push(items[Number(i)]);
  return result;
}

/** `v[s]` for a slice `s`. */
export function getSlice(v: PyValue, s: PySlice): PyValue {
  if (Array.isArray(v)) return picks(v, s);
  if (v instanceof PyTuple) return new PyTuple(picks(v.items, s));
  if (typeof v === 'string') return picks(chars(v), s).join('');
  if (v instanceof PyRange) {
    const [start, , step, count] = sliceIndices(s, v.length);
    const first = v.at(start);
    const newStep = v.step * step;
    return new PyRange(first, first + count * newStep, newStep);
  }
  throw new TypeError(`'${typeName(v)}' object is not subscriptable`);
}

/** `xs[s] = values` on a list (list_ass_subscript). */
export function setSlice(v: PyValue, s: PySlice, values: PyValue): void {
  if (!Array.isArray(v)) throw new TypeError(`'${typeName(v)}' object does not support item assignment`);
  const [start, stop, step, count] = sliceIndices(s, BigInt(v.length));
  let seq: PyValue[];
  try {
    seq = v === values ? [...v] : Array.from(iter(values));
  } catch {
    throw new TypeError(step === 1n ? 'can only assign an iterable' : 'must assign iterable to extended slice');
  }
  if (step === 1n) {
    const hi = stop < start ? start : stop;
    v.splice(Number(start), Number(hi - start), ...seq);
    return;
  }
  if (BigInt(seq.length) !== count) {
    throw new ValueError(`attempt to assign sequence of size ${seq.length} to extended slice of size ${count}`);
  }
  for (let k = 0n, i = start; k < count; k++, i += step) v[Number(i)] = seq[Number(k)];
}

/** `del xs[s]` on a list. */
export function delSlice(v: PyValue, s: PySlice): void {
  if (!Array.isArray(v)) throw new TypeError(`'${typeName(v)}' object does not support item deletion`);
  const [start, , step, count] = sliceIndices(s, BigInt(v.length));
  const doomed = new Set<number>();
  for (let k = 0n, i = start; k < count; k++, i += step) doomed.add(Number(i));
  const kept = v.filter((_, i) => !doomed.has(i));
  v.splice(0, v.length, ...kept);
}
