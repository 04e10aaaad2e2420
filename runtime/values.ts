/**
 * How Python values are represented in the port (fixed; the scheduler relies on it):
 * int = `bigint`, float = `number`, str = `string`, bool = `boolean`, None = `null`,
 * list = JS array, tuple = `PyTuple`, range = `PyRange`, the iterators `enumerate`/`zip`
 * return = `PyIterator`. Port objects (Task, Future, coroutine) are class instances.
 *
 * Ports the object layouts of Objects/tupleobject.c and Objects/rangeobject.c (as far as
 * the IR can observe them).
 */
import { UnboundLocalError } from './exceptions.ts';

/**
 * Any Python value. Deliberately wide (`object` admits lists, tuples, Tasks, coroutines):
 * transpiled code uses narrower static types where it can infer them, this elsewhere.
 */
export type PyValue = bigint | number | string | boolean | null | object;

/** `tuple`: immutable; iterable, so JS destructuring (`[a, b] = t`) works on it. */
export class PyTuple implements Iterable<PyValue> {
  readonly items: readonly PyValue[];
  constructor(items: Iterable<PyValue>) {
    this.items = Object.freeze(Array.from(items));
  }
  get length(): number {
    return this.items.length;
  }
  [Symbol.iterator](): Iterator<PyValue> {
    return this.items[Symbol.iterator]();
  }
}

/** The tuple `(...items)`. */
export function tuple(...items: PyValue[]): PyTuple {
  return new PyTuple(items);
}

/** `range(start, stop, step)`: lazy, with bigint bounds; prints as `range(0, 3)`. */
export class PyRange implements Iterable<bigint> {
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {}
  get length(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return stop > start ? (stop - start - 1n) / step + 1n : 0n;
    return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
  }
  at(index: bigint): bigint {
    return this.start + index * this.step;
  }
  *[Symbol.iterator](): Iterator<bigint> {
    const { start, stop, step } = this;
    if (step > 0n) for (let i = start; i < stop; i += step) yield i;
    else for (let i = start; i > stop; i += step) yield i;
  }
}

/** A one-shot Python iterator (what `enumerate()` and `zip()` return). */
export class PyIterator<T extends PyValue = PyValue> implements Iterable<T> {
  constructor(
    /** `type(it).__name__`: `enumerate` or `zip`. */
    readonly typeName: string,
    private readonly source: Iterator<T>,
  ) {}
  [Symbol.iterator](): Iterator<T> {
    return this.source;
  }
}

/**
 * A local read before any assignment is `undefined` in the transpiled code; in Python it
 * raises. Runtime helpers that meet `undefined` call this (the variable's name is not
 * known here, so the message is CPython's minus the name).
 */
export function unbound(): never {
  throw new UnboundLocalError('cannot access local variable where it is not associated with a value');
}

/** `type(value).__name__`, as CPython's error messages spell it. */
export function typeName(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'function';
    case 'undefined':
      return unbound();
  }
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyTuple) return (value as { __pyTypeName__?: string }).__pyTypeName__ ?? 'tuple'; // a namedtuple's class name
  if (value instanceof PyRange) return 'range';
  if (value instanceof PyIterator) return value.typeName;
  if (value instanceof Set) return 'set';
  const named = (value as { __pyTypeName__?: unknown }).__pyTypeName__;
  if (typeof named === 'string') return named;
  return (value as object).constructor?.name ?? 'object';
}
