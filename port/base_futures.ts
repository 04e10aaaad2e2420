/**
 * Ports asyncio/base_futures.py, 3.11: the repr of a Future (`<Future pending cb=[...]>`),
 * which the C `_asyncio.Future` of CPython 3.11 also calls for its own repr.
 */
import type { Future } from './futures.ts';
import { _format_callback_source } from './format_helpers.ts';
import { repr as pyRepr } from '../runtime/str.ts';
import { recursiveRepr, repr as reprlibRepr } from '../runtime/reprlib.ts';

/** Ports base_futures._format_callbacks, 3.11: at most the first and the last, `<n more>` between. */
export function _format_callbacks(cb: readonly unknown[]): string {
  const size = cb.length;
  const format_cb = (callback: unknown): string => _format_callback_source(callback, []);
  let text = '';
  if (size === 1) text = format_cb(cb[0]);
  else if (size === 2) text = `${format_cb(cb[0])}, ${format_cb(cb[1])}`;
  else if (size > 2) text = `${format_cb(cb[0])}, <${size - 2} more>, ${format_cb(cb[size - 1])}`;
  return `cb=[${text}]`;
}

/** Ports base_futures._future_repr_info, 3.11 (no `created at`: debug mode is never on). */
export function _future_repr_info(future: Future<unknown>): string[] {
  const info = [future._state.toLowerCase()];
  if (future._state === 'FINISHED') {
    if (future._exception !== null) info.push(`exception=${pyRepr(future._exception)}`);
    else info.push(`result=${reprlibRepr(future._result)}`);
  }
  if (future._callbacks.length > 0) info.push(_format_callbacks(future._callbacks));
  return info;
}

/** The Python class name a repr shows (`Future`, `_GatheringFuture`, `Task`). */
export function _py_class_name(future: Future<unknown>): string {
  return future.constructor.name;
}

/** Ports base_futures._future_repr, 3.11 (`@reprlib.recursive_repr()`). */
export const _future_repr = recursiveRepr((future: Future<unknown>): string => {
  return `<${_py_class_name(future)} ${_future_repr_info(future).join(' ')}>`;
});
