/**
 * How the shared operations (ops.ts, sequences.ts, builtins.ts) reach dict, set and slices
 * without importing them (containers.ts imports those modules; a cycle would read
 * uninitialised bindings). containers.ts fills this in when it loads, and py.ts loads it.
 * Each hook returns `undefined` for a value that is none of its types.
 */
import type { PyValue } from './values.ts';

export interface ContainerHooks {
  len(v: PyValue): bigint | undefined;
  contains(container: PyValue, item: PyValue): boolean | undefined;
  eq(a: PyValue, b: PyValue): boolean | undefined;
  order(a: PyValue, b: PyValue, op: '<' | '<=' | '>' | '>='): boolean | undefined;
  sub(a: PyValue, b: PyValue): PyValue | undefined;
  iterable(v: PyValue): boolean;
  getitem(v: PyValue, i: PyValue): { value: PyValue } | undefined;
  setitem(v: PyValue, i: PyValue, x: PyValue): boolean;
  method(obj: PyValue, method: string, args: unknown[]): { value: PyValue } | undefined;
}

const none = (): undefined => undefined;

export const containerHooks: ContainerHooks = {
  len: none,
  contains: none,
  eq: none,
  order: none,
  sub: none,
  iterable: () => false,
  getitem: none,
  setitem: () => false,
  method: none,
};
