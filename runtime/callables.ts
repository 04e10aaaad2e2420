/**
 * A Python callable handed to the port (`loop.call_soon(f, x)`, `fut.add_done_callback(cb)`,
 * issue 9): the port calls callbacks as JS functions, a program passes `PyFunction`s,
 * lambdas and `functools.partial`s. `asCallback` gives each Python callable one JS function
 * (the same one every time, so `remove_done_callback(f)` finds what `add_done_callback(f)`
 * added) that calls it with CPython's argument rules (functions.ts `call`, callable.ts `callValue`). A JS function
 * (the port's own callbacks) passes through unchanged.
 */
import { callValue } from './callable.ts';
import { call, PyFunction, PyPartial } from './functions.ts';
import type { PyValue } from './values.ts';

type JsCallback = (...args: any[]) => unknown;

const wrappers = new WeakMap<object, JsCallback>();

/** The JS function the port calls for `callback`; a value that is not callable fails when called, as in CPython. */
export function asCallback<F extends JsCallback>(callback: F | PyValue): F {
  if (typeof callback === 'function') return callback as F;
  const key = callback !== null && typeof callback === 'object' ? callback : null;
  const known = key === null ? undefined : wrappers.get(key);
  if (known !== undefined) return known as F;
  // A def, lambda or partial binds its arguments (functions.ts); a builtin value (`print`) has its own call.
  const viaBind = callback instanceof PyFunction || callback instanceof PyPartial;
  const wrapper: JsCallback = (...args: unknown[]) =>
    viaBind ? call(callback as PyValue, args as PyValue[]) : callValue(callback as PyValue, ...(args as PyValue[]));
  const name = (callback as { __name__?: unknown } | null)?.__name__;
  Object.defineProperty(wrapper, 'name', { value: typeof name === 'string' ? name : 'callback' });
  // What asyncio's reprs read of the callable (port/format_helpers.ts `_format_callback`).
  Object.defineProperty(wrapper, '__pycallable__', { value: callback });
  if (key !== null) wrappers.set(key, wrapper);
  return wrapper as F;
}
