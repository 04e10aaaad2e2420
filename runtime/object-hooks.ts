/**
 * How the shared operations (ops.ts, str.ts, builtins.ts, functions.ts, sequences.ts,
 * exception-ops.ts) reach user classes (classes.ts) without importing it: classes.ts imports
 * functions.ts and str.ts, so a direct import the other way would read uninitialised
 * bindings. classes.ts fills this in when it loads (py.ts loads it). Every hook answers
 * `undefined` for a value that is not a user class or an instance of one.
 */
import type { PyValue } from './values.ts';

export interface ObjectHooks {
  /** `str(v)` / `repr(v)` of a user instance or class. */
  str(v: unknown): string | undefined;
  repr(v: unknown): string | undefined;
  /** `a == b` when either side's class defines `__eq__`. */
  eq(a: PyValue, b: PyValue): boolean | undefined;
  /** `a != b` when either side's class defines `__ne__` (else `!=` is `not ==`). */
  ne(a: PyValue, b: PyValue): boolean | undefined;
  /** `a < b` (and the other orders) when a user class defines the operator (or its reflection). */
  order(a: PyValue, b: PyValue, op: '<' | '<=' | '>' | '>='): boolean | undefined;
  /** `bool(v)`: `__bool__`, then `__len__`. */
  truthy(v: PyValue): boolean | undefined;
  len(v: PyValue): bigint | undefined;
  /** Calling a user class (an instance) or a bound method. */
  call(callee: PyValue, positional: PyValue[], keywords?: Record<string, PyValue>): { value: PyValue } | undefined;
  /** `obj.method(...)` where obj's class defines `method` (it wins over a builtin meaning). */
  method(obj: PyValue, method: string, args: PyValue[], keywords: Record<string, PyValue>): { value: PyValue } | undefined;
  /** `hash(v)` of a user instance whose class defines `__hash__` or is a frozen dataclass (its fields hashed by `hashOf`); TypeError when unhashable. */
  hash(v: PyValue, hashOf: (v: PyValue) => bigint): bigint | undefined;
  /** `iter(v)` of a user instance: `__iter__` (its result stepped by `__next__`), else `__getitem__` from 0 until IndexError. */
  iter(v: PyValue): Iterable<PyValue> | undefined;
  /** `next(v)` of a user instance whose class defines `__next__`. */
  next(v: PyValue): { value: PyValue } | undefined;
  /** `v[i]` of a user instance whose class defines `__getitem__`. */
  getitem(v: PyValue, i: PyValue): { value: PyValue } | undefined;
  /** `item in v` of a user instance: `__contains__`, else its iteration (`__iter__`, `__getitem__`). */
  contains(v: PyValue, item: PyValue): boolean | undefined;
  /** Whether `v` is a user class. */
  isClass(v: unknown): boolean;
}

const none = (): undefined => undefined;

export const objectHooks: ObjectHooks = {
  str: none,
  repr: none,
  eq: none,
  ne: none,
  order: none,
  truthy: none,
  len: none,
  call: none,
  method: none,
  hash: none,
  iter: none,
  next: none,
  getitem: none,
  contains: none,
  isClass: () => false,
};
