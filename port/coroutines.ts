/**
 * Ports the coroutine object of CPython 3.11 (Objects/genobject.c) as far as asyncio uses it,
 * plus coroutines.py iscoroutine and _format_coroutine.
 *
 * Why a class and not a JS promise: calling an `async def` function in Python makes a
 * coroutine object and runs *nothing*; a JS async function runs at once up to its first
 * await. So a transpiled `async def` is wrapped by `coroutine(name, fn)`: calling the result
 * builds a `Coroutine` holding a thunk, and the body starts only when a Task steps it or
 * `aw()` awaits it. Every Python coroutine creation stays lazy this way, which the port's
 * current-task bookkeeping relies on (see tasks.ts).
 *
 * What a repr can see of the frame (`cr_frame`, `f_lineno`, `cr_code`): the transpiler hands
 * `coroutine()` the function's code (file and `def` line) and, in programs that can print a
 * task, sets the running coroutine's line before each statement that can suspend or print
 * (`at_line`). A finished or closed coroutine has no frame, as in CPython.
 */
import { RuntimeError } from '../runtime/exceptions.ts';
import { objectAddress } from '../runtime/str.ts';

/** Ports the parts of a code object a repr shows (`co_filename`, `co_firstlineno`). */
export interface CodeInfo {
  co_filename: string;
  co_firstlineno: number;
}

/** Ports a Python coroutine object (`types.CoroutineType`), 3.11: lazy, started at most once. */
export class Coroutine<R> {
  /** `coro.__name__`. */
  readonly __name__: string;
  /** `coro.__qualname__` (module-level functions only in the IR: the same as the name). */
  readonly __qualname__: string;
  /** `coro.cr_code`, when the transpiler gave it (the port's own coroutines, like sleep's, have none here). */
  readonly cr_code: CodeInfo | null;
  /** The body, until it is started or closed; `null` afterwards. */
  private _thunk: (() => Promise<R>) | null;
  /** True once `send(None)` started the body. */
  _started = false;
  /** True once the body returned or raised, or the coroutine was closed: `cr_frame` is None. */
  _finished = false;
  /** `cr_frame.f_lineno`: the `def` line until the body runs, then the line it runs or waits at. */
  f_lineno: number;

  constructor(name: string, thunk: () => Promise<R>, code: CodeInfo | null = null) {
    this.__name__ = name;
    this.__qualname__ = name;
    this._thunk = thunk;
    this.cr_code = code;
    this.f_lineno = code === null ? 0 : code.co_firstlineno;
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
    this._finished = true;
    throw exc;
  }

  /**
   * `coro.close()`. A fresh coroutine simply never runs. Port limit: a started, suspended
   * body cannot be unwound from outside a JS promise chain (no GeneratorExit); asyncio only
   * closes fresh coroutines on the paths the IR reaches.
   */
  close(): void {
    this._thunk = null;
    if (!this._started) this._finished = true;
  }

  /** `type(coro)`'s `tp_name`, as error messages spell it. */
  get __pyTypeName__(): string {
    return 'coroutine';
  }

  /** `cr_frame is not None`. */
  get cr_frame(): boolean {
    return !this._finished;
  }

  /** `repr(coro)`: `<coroutine object main at 0x7f...>` (genobject.c gen_repr, the qualname). */
  __repr__(): string {
    return `<coroutine object ${this.__qualname__} at ${objectAddress(this)}>`;
  }
}

/** The coroutine whose body runs now (its line is what `at_line` sets); tasks.ts keeps it current. */
export const running = { coroutine: null as Coroutine<unknown> | null };

/**
 * The running coroutine's frame is at `line` of the program (emitted before each statement of
 * an `async def` that can suspend or print, in programs that can print a task).
 */
export function at_line(line: number): void {
  const coro = running.coroutine;
  if (coro !== null) coro.f_lineno = line;
}

/**
 * Makes a Python `async def` function out of a JS async function: calling the result
 * builds a lazy `Coroutine` and runs nothing. `name` is the Python function name (repr);
 * `code` its file and `def` line, for task reprs.
 */
export function coroutine<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => Promise<R>,
  code: CodeInfo | null = null,
): (...args: A) => Coroutine<R> {
  const make = (...args: A): Coroutine<R> => new Coroutine<R>(name, () => fn(...args), code);
  Object.defineProperty(make, 'name', { value: name });
  return make;
}

/** Ports coroutines.py iscoroutine, 3.11. */
export function iscoroutine(obj: unknown): obj is Coroutine<unknown> {
  return obj instanceof Coroutine;
}

/** Ports coroutines.py _format_coroutine, 3.11 (for a native coroutine: name, state, file and line). */
export function _format_coroutine(coro: Coroutine<unknown>): string {
  const coro_name = `${coro.__qualname__}()`;
  const code = coro.cr_code;
  if (code === null) {
    // The port's own coroutines (sleep's) carry no code: CPython's show asyncio's file.
    return coro._started && !coro._finished ? `${coro_name} running` : coro_name;
  }
  const filename = code.co_filename || '<empty co_filename>';
  if (coro.cr_frame) return `${coro_name} running at ${filename}:${coro.f_lineno}`;
  return `${coro_name} done, defined at ${filename}:${code.co_firstlineno}`;
}
