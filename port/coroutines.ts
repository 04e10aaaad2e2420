/**
 * Ports the coroutine object of CPython 3.11 (Objects/genobject.c) as far as asyncio uses it,
 * plus coroutines.py iscoroutine.
 *
 * Why a class and not a JS promise: calling an `async def` function in Python makes a
 * coroutine object and runs *nothing*; a JS async function runs at once up to its first
 * await. So a transpiled `async def` is wrapped by `coroutine(name, fn)`: calling the result
 * builds a `Coroutine` holding a thunk, and the body starts only when a Task steps it or
 * `aw()` awaits it. Every Python coroutine creation stays lazy this way, which the port's
 * current-task bookkeeping relies on (see tasks.ts).
 */
import { RuntimeError } from './python/exceptions.ts';

/** Ports a Python coroutine object (`types.CoroutineType`), 3.11: lazy, started at most once. */
export class Coroutine<R> {
  /** `coro.__name__`. */
  readonly __name__: string;
  /** `coro.__qualname__` (module-level functions only in the IR: the same as the name). */
  readonly __qualname__: string;
  /** The body, until it is started or closed; `null` afterwards. */
  private _thunk: (() => Promise<R>) | null;
  /** True once `send(None)` started the body. */
  _started = false;

  constructor(name: string, thunk: () => Promise<R>) {
    this.__name__ = name;
    this.__qualname__ = name;
    this._thunk = thunk;
  }

  /**
   * `coro.send(None)` on a fresh coroutine: runs the body up to its first suspension.
   * A second start raises as CPython does (`cannot reuse already awaited coroutine`).
   */
  _start(): Promise<R> {
    const thunk = this._thunk;
    if (thunk === null) throw new RuntimeError('cannot reuse already awaited coroutine');
    this._thunk = null;
    this._started = true;
    return thunk();
  }

  /**
   * `coro.throw(exc)` on a fresh coroutine: the exception is raised before the first line,
   * so the body (even its `finally`) never runs, and the coroutine is closed.
   */
  _throw_before_start(exc: unknown): never {
    this._thunk = null;
    throw exc;
  }

  /**
   * `coro.close()`. A fresh coroutine simply never runs. Port limit: a started, suspended
   * body cannot be unwound from outside a JS promise chain (no GeneratorExit); asyncio only
   * closes fresh coroutines on the paths the IR reaches.
   */
  close(): void {
    this._thunk = null;
  }

  /** `repr(coro)` without the address (`<coroutine object main>`; CPython adds ` at 0x...`). */
  __repr__(): string {
    return `<coroutine object ${this.__qualname__}>`;
  }
}

/**
 * Makes a Python `async def` function out of a JS async function: calling the result
 * builds a lazy `Coroutine` and runs nothing. `name` is the Python function name (repr).
 */
export function coroutine<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Coroutine<R> {
  const make = (...args: A): Coroutine<R> => new Coroutine<R>(name, () => fn(...args));
  Object.defineProperty(make, 'name', { value: name });
  return make;
}

/** Ports coroutines.py iscoroutine, 3.11. */
export function iscoroutine(obj: unknown): obj is Coroutine<unknown> {
  return obj instanceof Coroutine;
}
