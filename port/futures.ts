/**
 * Ports asyncio/futures.py, 3.11 (Future), with the messages of the C `_asyncio.Future`
 * that CPython actually runs.
 *
 * Port Futures are deliberately NOT thenables: JS adopts any thenable returned from an
 * async function, so `return task` would hand the caller the task's result, and TS's
 * `Awaited<>` would mistype it. Transpiled code awaits through `aw()` (tasks.ts).
 */
import { asCallback } from '../runtime/callables.ts';
import type { BaseEventLoop } from './base_events.ts';
import { _get_event_loop, type Callback } from './events.ts';
import { CancelledError, InvalidStateError } from './exceptions.ts';
import { _mutations } from './_mutations.ts';
import { _future_repr, _py_class_name } from './base_futures.ts';
import { TypeError, ValueError } from '../runtime/exceptions.ts';

export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';
export const _PENDING: FutureState = 'PENDING';
export const _CANCELLED: FutureState = 'CANCELLED';
export const _FINISHED: FutureState = 'FINISHED';

/**
 * A done callback: called with the future. Declared with method syntax so its parameter is
 * bivariant: a `Task<bigint>` must stay assignable to `Task<unknown>` (Python's Task is
 * covariant in practice), which a plain function-typed field would forbid.
 */
export type DoneCallback<T> = { bivarianceHack(fut: Future<T>): unknown }['bivarianceHack'];

/** Ports futures.py Future, 3.11. */
export class Future<T = unknown> {
  _state: FutureState = _PENDING;
  _result: T | null = null;
  _exception: unknown = null;
  _loop: BaseEventLoop;
  _callbacks: DoneCallback<T>[] = [];
  _cancel_message: string | null = null;
  /** A saved CancelledError for later chaining (futures.py `_cancelled_exc`). */
  _cancelled_exc: CancelledError | null = null;
  /**
   * futures.py `__log_traceback`: set by set_exception, cleared by result(), exception() and
   * cancel(); still set when the future is collected, `__del__` logs "exception was never
   * retrieved" (see `_future_del` for when the port "collects").
   */
  private __log_traceback = false;

  /** Ports Future.__init__, 3.11: without `loop`, the running (or policy's) loop. */
  constructor(opts: { loop?: BaseEventLoop | null } = {}) {
    this._loop = opts.loop ?? _get_event_loop();
  }

  /** Ports Future.get_loop, 3.11. */
  get_loop(): BaseEventLoop {
    return this._loop;
  }

  /** Ports Future._make_cancelled_error, 3.11: hands out the saved error once. */
  _make_cancelled_error(): CancelledError {
    if (this._cancelled_exc !== null) {
      const exc = this._cancelled_exc;
      this._cancelled_exc = null;
      return exc;
    }
    return this._cancel_message === null ? new CancelledError() : new CancelledError(this._cancel_message);
  }

  /** Ports Future._log_traceback (the property), 3.11: it may only be set to False. */
  get _log_traceback(): boolean {
    return this.__log_traceback;
  }

  set _log_traceback(val: boolean) {
    if (val) throw new ValueError('_log_traceback can only be set to False');
    this.__log_traceback = false;
  }

  /**
   * Ports Future.__del__, 3.11 (the C `FutureObj_finalize`): an exception nobody retrieved is
   * reported to the loop's exception handler. CPython runs it when refcounting frees the
   * future; the port has no such moment and calls it from `BaseEventLoop._collect_unretrieved`
   * (the rule is written there).
   */
  _future_del(): void {
    if (!this.__log_traceback) return; // set_exception() was not called, or result() or exception() has consumed the exception
    this.__log_traceback = false; // not in CPython, whose object is gone: the port's collects it once
    const exc = this._exception;
    this._loop.call_exception_handler({
      message: `${_py_class_name(this as Future<unknown>)} exception was never retrieved`,
      exception: exc,
      future: this as Future<unknown>,
    });
  }

  /** Ports Future.cancel, 3.11: cancels and schedules the callbacks; False if already done. */
  cancel(msg: string | null = null): boolean {
    this.__log_traceback = false;
    return this._future_cancel(msg);
  }

  /** Future.cancel after its first line, for Task (which overrides cancel) to call as `super().cancel()`. */
  protected _future_cancel(msg: string | null = null): boolean {
    if (this._state !== _PENDING) return false;
    this._state = _CANCELLED;
    this._cancel_message = msg;
    this.__schedule_callbacks();
    return true;
  }

  /**
   * Ports Future.__schedule_callbacks, 3.11: every callback goes through `call_soon`, in
   * registration order; none runs now (a waiter resumes one iteration later at the earliest).
   */
  private __schedule_callbacks(): void {
    const callbacks = this._callbacks.slice();
    if (callbacks.length === 0) return;
    this._callbacks.length = 0;
    for (const callback of callbacks) {
      if (_mutations.syncDoneCallbacks) callback(this);
      else this._loop.call_soon(callback, this);
    }
  }

  /** Ports Future.cancelled, 3.11. */
  cancelled(): boolean {
    return this._state === _CANCELLED;
  }

  /** Ports Future.done, 3.11. */
  done(): boolean {
    return this._state !== _PENDING;
  }

  /** Ports Future.result, 3.11 (C messages): raises CancelledError / the exception / InvalidStateError. */
  result(): T {
    if (this._state === _CANCELLED) throw this._make_cancelled_error();
    if (this._state !== _FINISHED) throw new InvalidStateError('Result is not set.');
    if (!_mutations.logTracebackKeptOnRetrieval) this.__log_traceback = false;
    if (this._exception !== null) throw this._exception;
    return this._result as T;
  }

  /** Ports Future.exception, 3.11 (C messages). */
  exception(): unknown {
    if (this._state === _CANCELLED) throw this._make_cancelled_error();
    if (this._state !== _FINISHED) throw new InvalidStateError('Exception is not set.');
    if (!_mutations.logTracebackKeptOnRetrieval) this.__log_traceback = false;
    return this._exception;
  }

  /** Ports Future.add_done_callback, 3.11: on a done future, scheduled with call_soon. */
  add_done_callback(fn: DoneCallback<T>): void {
    fn = asCallback(fn); // a program's Python callable (runtime/callables.ts)
    if (this._state !== _PENDING) {
      if (_mutations.doneCallbackAtOnceWhenDone) (fn as Callback)(this);
      else this._loop.call_soon(fn as Callback, this);
    } else this._callbacks.push(fn);
  }

  /** Ports Future.remove_done_callback, 3.11: removes every registration of `fn`; returns the count. */
  remove_done_callback(fn: DoneCallback<T>): bigint {
    fn = asCallback(fn);
    const first = _mutations.removeFirstDoneCallbackOnly ? this._callbacks.indexOf(fn) : -1;
    const filtered = _mutations.removeFirstDoneCallbackOnly ? this._callbacks.filter((_f, k) => k !== first) : this._callbacks.filter((f) => f !== fn);
    const removed = this._callbacks.length - filtered.length;
    if (removed) this._callbacks.splice(0, this._callbacks.length, ...filtered);
    return BigInt(removed);
  }

  /** Ports Future.set_result, 3.11 (C message `invalid state`). */
  set_result(result: T): void {
    this._future_set_result(result);
  }

  protected _future_set_result(result: T): void {
    if (this._state !== _PENDING) throw new InvalidStateError('invalid state');
    this._result = result;
    this._state = _FINISHED;
    this.__schedule_callbacks();
  }

  /** Ports Future.set_exception, 3.11: a class is instantiated, as Python does. */
  set_exception(exception: unknown): void {
    this._future_set_exception(exception);
  }

  protected _future_set_exception(exception: unknown): void {
    if (this._state !== _PENDING) throw new InvalidStateError('invalid state');
    if (typeof exception === 'function') exception = new (exception as new () => unknown)();
    if (exception === null || exception === undefined) throw new TypeError('invalid exception object');
    this._exception = exception;
    this._state = _FINISHED;
    this.__schedule_callbacks();
    this.__log_traceback = true;
    this._loop._unretrieved.push(this as Future<unknown>);
  }

  /** The C type's `tp_name`, as CPython's error messages spell it (`'_asyncio.Future' object is not subscriptable`). */
  get __pyTypeName__(): string {
    return '_asyncio.Future';
  }

  /** Ports Future.__repr__, 3.11 (base_futures._future_repr: state, result or exception, callbacks). */
  __repr__(): string {
    return _future_repr(this as Future<unknown>);
  }
}

/** Ports base_futures.py isfuture, 3.11. */
export function isfuture(obj: unknown): obj is Future<unknown> {
  return obj instanceof Future;
}

/** Ports futures.py _get_loop, 3.11. */
export function _get_loop(fut: Future<unknown>): BaseEventLoop {
  return fut.get_loop();
}

/** Ports futures.py _set_result_unless_cancelled, 3.11 (sleep's timer callback). */
export function _set_result_unless_cancelled<T>(fut: Future<T>, result: T): void {
  if (fut.cancelled()) return;
  fut.set_result(result);
}
