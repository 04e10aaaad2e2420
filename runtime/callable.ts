/**
 * Calling a Python value that is a function (`key=len`, `map(str, xs)`): the one hook every
 * builtin that takes a callable goes through. A builtin used as a value is a `PyBuiltin`
 * (builtin-values.ts); any other JS function (a lambda or a user function passed as a value,
 * once the language has them) is called as is. Ports the "not callable" check of
 * Objects/call.c (_PyObject_MakeTpCall).
 */
import { TypeError } from './exceptions.ts';
import { PyFunction, PyPartial, call } from './functions.ts';
import { typeName, type PyValue } from './values.ts';
import { objectHooks } from './object-hooks.ts';

/** What a builtin used as a value carries: how to call it. */
export interface CallableValue {
  readonly __pyCall__: (...args: PyValue[]) => PyValue;
}

function isCallableValue(f: unknown): f is CallableValue {
  return f !== null && typeof f === 'object' && typeof (f as Partial<CallableValue>).__pyCall__ === 'function';
}

/**
 * Whether `f` can be called, as `callable()` answers (asyncio's set_exception_handler asks): a
 * def, lambda or partial, a builtin, a class or port function (JS functions), a bound method,
 * an instance of a class with `__call__`.
 */
export function isCallable(f: unknown): boolean {
  if (typeof f === 'function' || f instanceof PyFunction || f instanceof PyPartial || isCallableValue(f)) return true;
  if (f === null || typeof f !== 'object') return false;
  return (f as { __pyTypeName__?: unknown }).__pyTypeName__ === 'method' || typeof (f as { __call__?: unknown }).__call__ === 'function';
}

/** `f(*args)` for any callable Python value; CPython's TypeError for anything else. */
export function callValue(f: PyValue, ...args: PyValue[]): PyValue {
  if (isCallableValue(f)) return f.__pyCall__(...args);
  const user = objectHooks.call(f, args); // a user class, a bound method (classes.ts)
  if (user !== undefined) return user.value;
  // A def or lambda used as a value (`key=lambda kv: kv[1]`): bound as any call of it is.
  if (f instanceof PyFunction || f instanceof PyPartial) return call(f, args);
  if (typeof f === 'function') return ((f as (...a: PyValue[]) => PyValue)(...args)) ?? null;
  throw new TypeError(`'${typeName(f)}' object is not callable`);
}
