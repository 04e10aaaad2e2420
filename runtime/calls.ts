/**
 * Calls the transpiler cannot resolve statically (`f(*args)`, or a call CPython rejects),
 * and names that do not exist. Ports the argument binding of Python/ceval.c
 * (initialize_locals, too_many_positional, missing_arguments) with 3.11's messages.
 */
import { NameError, TypeError } from './exceptions.ts';
import { bindSignature, type ParamSpec } from './functions.ts';
import { typeName, type PyValue } from './values.ts';

export type { ParamSpec } from './functions.ts';

/**
 * Bind `positional` and `keywords` to `params` as CPython does, or raise its TypeError.
 * Returns every parameter's value in order (defaults filled in). The plain-parameter case of
 * functions.ts bindSignature (which also takes `*args` and keyword-only parameters).
 */
export function bindArgs(fn: string, params: ParamSpec[], positional: PyValue[], keywords: Record<string, PyValue> = {}): PyValue[] {
  return bindSignature(fn, { params }, positional, keywords);
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
