/**
 * Calls the transpiler cannot resolve statically (`f(*args)`, or a call CPython rejects),
 * and names that do not exist. Ports the argument binding of Python/ceval.c
 * (initialize_locals, too_many_positional, missing_arguments) with 3.11's messages.
 */
import { NameError, TypeError } from './exceptions.ts';
import { typeName, type PyValue } from './values.ts';

/** A parameter of a user function: its name, and its default if it has one. */
export interface ParamSpec {
  name: string;
  hasDefault: boolean;
  default?: PyValue;
}

function quoteList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return quoted[0];
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/**
 * Bind `positional` and `keywords` to `params` as CPython does, or raise its TypeError.
 * Returns every parameter's value in order (defaults filled in).
 */
export function bindArgs(fn: string, params: ParamSpec[], positional: PyValue[], keywords: Record<string, PyValue> = {}): PyValue[] {
  const values: Array<PyValue | undefined> = params.map(() => undefined);
  positional.slice(0, params.length).forEach((v, k) => (values[k] = v));
  for (const [name, value] of Object.entries(keywords)) {
    const k = params.findIndex((p) => p.name === name);
    if (k < 0) throw new TypeError(`${fn}() got an unexpected keyword argument '${name}'`);
    if (values[k] !== undefined) throw new TypeError(`${fn}() got multiple values for argument '${name}'`);
    values[k] = value;
  }
  if (positional.length > params.length) {
    const required = params.filter((p) => !p.hasDefault).length;
    const takes = required === params.length ? `${params.length}` : `from ${required} to ${params.length}`;
    const given = positional.length;
    throw new TypeError(
      `${fn}() takes ${takes} positional argument${takes === '1' ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`,
    );
  }
  const missing = params.filter((p, k) => values[k] === undefined && !p.hasDefault).map((p) => p.name);
  if (missing.length > 0) {
    throw new TypeError(
      `${fn}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${quoteList(missing)}`,
    );
  }
  return values.map((v, k) => (v === undefined ? (params[k].default as PyValue) : v));
}

/** A name that is neither local, global, nor a function: `NameError`. */
export function nameError(name: string): never {
  throw new NameError(`name '${name}' is not defined`);
}

/** Raise CPython's TypeError where an expression is expected (`len(x=1)`). */
export function raiseTypeError(message: string): never {
  throw new TypeError(message);
}

/**
 * A builtin's name rebound to a value (`print = 3; print(x)`): calling it raises as CPython
 * does. The arguments are evaluated first, as in Python.
 */
export function notCallable(value: PyValue, ..._args: PyValue[]): never {
  throw new TypeError(`'${typeName(value)}' object is not callable`);
}

/** Raise `error` where an expression is expected (a call CPython rejects at run time). */
export function raise(error: Error): never {
  throw error;
}
