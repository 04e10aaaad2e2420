/**
 * Ports asyncio/tasks.py, 3.11: Task, create_task, sleep, gather, ensure_future,
 * current_task, all_tasks — driving native JS async functions with CPython's order.
 *
 * How a Python coroutine maps onto JS (the port must differ here because JS await is native):
 * - `coro.send(None)` on a fresh coroutine = calling its thunk (`Coroutine._start`).
 * - The coroutine yielding to `Task.__step` = `aw()` on a pending future (or `sleep(0)`'s
 *   bare yield) calling `_suspend()`, which does what `__step` does with the yielded value
 *   *right there* and returns a promise that only the task's next `__step` settles
 *   (`send(None)` resolves it, `throw(exc)` rejects it).
 * - `StopIteration` / an exception escaping the coroutine = the body's promise settling;
 *   `__step_done` is attached to it and runs in the same loop handle.
 *
 * INVARIANT (why a loop-global current task is correct): a task's code is ONE promise
 * chain: every coroutine creation is lazy, awaiting a coroutine runs it inline, and nothing
 * in the chain awaits a promise the port does not control. So between `__step` setting the
 * current task and the chain's next `_suspend()`/completion, only this task's code runs;
 * and the loop drains every microtask a handle causes before running the next handle
 * (base_events.ts `_run_once`). Break either and prints get the wrong task, or run out of order.
 */
import type { BaseEventLoop } from './base_events.ts';
import { _task_repr } from './base_tasks.ts';
import { Coroutine, iscoroutine, running, type CodeInfo } from './coroutines.ts';
import { pyFunction, stdlibFile } from './format_helpers.ts';
import { _get_event_loop, _loopEvents, get_running_loop, type Callback } from './events.ts';
import { CancelledError, InvalidStateError } from './exceptions.ts';
import { Future, _get_loop, _set_result_unless_cancelled, isfuture } from './futures.ts';
import { _mutations, anyMutation } from './_mutations.ts';
import { RuntimeError, TimeoutError as TimeoutErrorPy, TypeError, ValueError } from '../runtime/exceptions.ts';
import { Queue } from './queues.ts';
import { check, enter, frames } from '../runtime/frames.ts';
import { gatherSkipsDoneTasks } from './version.ts';

// ------------------------------------------------------------------ task names

let _task_name_count = 0;

/** Ports tasks.py `_task_name_counter = itertools.count(1).__next__`, 3.11. */
export function _task_name_counter(): number {
  return ++_task_name_count;
}

/** Restarts `Task-N` at 1 (the harness calls it per program, as the oracle resets CPython's). */
export function _reset_task_name_counter(): void {
  _task_name_count = 0;
}

// ------------------------------------------------------------------ task registry

/**
 * Ports tasks.py `_all_tasks`, 3.11. CPython keeps a WeakSet whose iteration order follows
 * object addresses; the port keeps creation order (a Set), and drops tasks once done
 * (all_tasks() filters out done tasks anyway, and this keeps finished programs collectable).
 */
const _all_tasks = new Set<Task<unknown>>();

/** Ports tasks.py `_current_tasks`, 3.11: {loop: task}. */
const _current_tasks = new Map<BaseEventLoop, Task<unknown>>();

/** Only with a test mutation on: tasks entered while another was current. */
const _nested_tasks: Task<unknown>[] = [];

/**
 * Not in CPython: marks a task the program made and dropped in one statement
 * (`asyncio.create_task(f())`, `loop.create_task(...)`, `asyncio.ensure_future(...)` on a line
 * of their own; transpile/dialect-port.ts). CPython's refcounting frees such a task right
 * after the step that fails it, and `__del__` logs "Task exception was never retrieved" there,
 * between that step and the next handle; the port logs it at that point too
 * (`BaseEventLoop._run_once`). Only a reference the task's own coroutine makes
 * (`asyncio.current_task()` stored away) or takes from `all_tasks()` escapes this: then
 * CPython logs later, or never. Returns `value` unchanged.
 */
export function _discarded<T>(value: T): T {
  if (value instanceof Task) value._unreferenced = true;
  return value;
}

/** Ports tasks.py _register_task, 3.11. */
export function _register_task(task: Task<unknown>): void {
  _all_tasks.add(task);
}

/** Ports tasks.py _unregister_task, 3.11. */
export function _unregister_task(task: Task<unknown>): void {
  _all_tasks.delete(task);
}

/** Ports tasks.py _enter_task, 3.11. */
export function _enter_task(loop: BaseEventLoop, task: Task<unknown>): void {
  const current = _current_tasks.get(loop);
  if (current !== undefined) {
    if (!anyMutation()) {
      throw new RuntimeError(
        `Cannot enter into task ${task.__repr__()} while another task ${current.__repr__()} is being executed.`,
      );
    }
    _nested_tasks.push(current);
  }
  _current_tasks.set(loop, task);
}

/** Ports tasks.py _leave_task, 3.11. */
export function _leave_task(loop: BaseEventLoop, task: Task<unknown>): void {
  const current = _current_tasks.get(loop);
  if (current !== task && !anyMutation()) {
    throw new RuntimeError(
      `Leaving task ${task.__repr__()} does not match the current task ${current?.__repr__() ?? 'None'}.`,
    );
  }
  const outer = _nested_tasks.pop();
  if (outer !== undefined) _current_tasks.set(loop, outer);
  else _current_tasks.delete(loop);
}

/** Forgets every task of `loop` (the harness ends a run mid-flight: nothing may leak). */
export function _forget_loop_tasks(loop: BaseEventLoop): void {
  for (const task of _all_tasks) if (task._loop === loop) _all_tasks.delete(task);
  _current_tasks.delete(loop);
  _nested_tasks.length = 0;
}

// ------------------------------------------------------------------ Task

/** How a suspended task's next `__step` resumes it: `null` = `send(None)`, else `throw(exc)`. */
type Resume = (exc: unknown) => void;

/** Ports tasks.py Task, 3.11: a coroutine wrapped in a Future. */
export class Task<T = unknown> extends Future<T> {
  _name: string;
  _num_cancels_requested = 0;
  _must_cancel = false;
  /**
   * Not in CPython: the program dropped the task where it made it (`asyncio.create_task(f())`
   * as a statement: transpiled as `_discarded(...)`). Refcounting then frees it right after the
   * step that finished it, unless something else holds it (see `_discarded`).
   */
  _unreferenced = false;
  /**
   * INVARIANT (tasks.py): either `_fut_waiter` is null and `__step` is scheduled (or
   * running), or `_fut_waiter` is some Future and `__step` is *not* scheduled.
   */
  _fut_waiter: Future<unknown> | null = null;
  _coro: Coroutine<T>;
  /** Set while the coroutine is suspended inside its body; null before its first step. */
  _resume: Resume | null = null;
  /** While suspended: the Python stack depth and the innermost coroutine, restored by the next step. */
  _saved_depth = 0;
  _saved_running: Coroutine<unknown> | null = null;

  /** Bound once, so remove_done_callback / Handle compare equal as bound methods do in Python. */
  readonly __step_bound: Callback = (exc: unknown = null) => this.__step(exc);
  /** The C Task's `task_wakeup` (no Python source: a repr shows `Task.task_wakeup()`). */
  readonly __wakeup_bound = pyFunction((future: Future<unknown>): void => this.__wakeup(future), 'Task.task_wakeup');

  /** Ports Task.__init__, 3.11: names the task, schedules the first `__step` with call_soon. */
  constructor(coro: Coroutine<T>, opts: { loop?: BaseEventLoop | null; name?: string | null } = {}) {
    super({ loop: opts.loop });
    if (!iscoroutine(coro)) throw new TypeError(`a coroutine was expected, got ${pyReprForMessage(coro)}`);
    this._name = opts.name == null ? `Task-${_task_name_counter()}` : String(opts.name);
    this._coro = coro;
    if (_mutations.eagerTaskStart) this.__step();
    else this._loop.call_soon(this.__step_bound);
    _register_task(this as Task<unknown>);
  }

  /** Ports Task.get_coro, 3.11. */
  get_coro(): Coroutine<T> {
    return this._coro;
  }

  /** Ports Task.get_name, 3.11. */
  get_name(): string {
    return this._name;
  }

  /** Ports Task.set_name, 3.11. */
  set_name(value: unknown): void {
    this._name = String(value);
  }

  /** Ports Task.set_result, 3.11: refused. */
  override set_result(_result: T): void {
    throw new RuntimeError('Task does not support set_result operation');
  }

  /** Ports Task.set_exception, 3.11: refused. */
  override set_exception(_exception: unknown): void {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /**
   * Ports Task.cancel, 3.11: cancels the awaited future (`_fut_waiter`; a Task there
   * propagates the cancellation), else arranges for CancelledError at the next step.
   */
  override cancel(msg: string | null = null): boolean {
    if (_loopEvents.hooks !== null) _loopEvents.hooks.cancelCalled(this); // explain's recorder
    this._log_traceback = false;
    if (this.done()) return false;
    this._num_cancels_requested += 1;
    if (this._fut_waiter !== null) {
      // Leave _fut_waiter: it may be a Task that ignores the cancellation.
      if (this._fut_waiter.cancel(msg)) return true;
    }
    if (_mutations.cancelDeliveredImmediately && _current_tasks.get(this._loop) === this) throw this._make_cancelled_error();
    // It must be the case that __step is already scheduled.
    this._must_cancel = true;
    this._cancel_message = msg;
    return true;
  }

  /** Ports Task.cancelling, 3.11 (a Python int). */
  cancelling(): bigint {
    return BigInt(this._num_cancels_requested);
  }

  /** Ports Task.uncancel, 3.11 (does not clear `_must_cancel`; 3.13 does). */
  uncancel(): bigint {
    if (this._num_cancels_requested > 0) this._num_cancels_requested -= 1;
    return BigInt(this._num_cancels_requested);
  }

  /**
   * Ports Task.__step, 3.11, up to the point where CPython calls `coro.send`/`coro.throw`;
   * what follows that call in CPython is `__step_yielded` (the coroutine suspended) or
   * `__step_done` (it returned or raised), reached through the body's promise chain
   * within the same loop handle.
   */
  __step(exc: unknown = null): void {
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${this.__repr__()}, ${String(exc)}`);
    }
    if (this._must_cancel && !_mutations.noMustCancelCheckAtWakeup) {
      if (!(exc instanceof CancelledError)) exc = this._make_cancelled_error();
      this._must_cancel = false;
    }
    const coro = this._coro;
    this._fut_waiter = null;

    _enter_task(this._loop, this as Task<unknown>);
    const resume = this._resume;
    if (resume !== null) {
      // coro.send(None) / coro.throw(exc) at the await point the body is suspended on: the
      // task's frames are back on the stack, down to the innermost one.
      this._resume = null;
      frames.depth = this._saved_depth;
      running.coroutine = this._saved_running;
      resume(exc);
      return;
    }
    let body: Promise<T>;
    try {
      frames.depth = this._loop._task_base_depth;
      if (exc === null) {
        enter(); // the coroutine's frame
        running.coroutine = coro as Coroutine<unknown>;
        body = coro._start();
      } else body = coro._throw_before_start(exc);
    } catch (raised) {
      // Raised before the body's first line (a reused coroutine, or cancelled before start).
      this.__step_done(false, raised);
      return;
    }
    body.then(
      (value) => this.__in_handle(() => this.__step_done(true, value)),
      (raised: unknown) => this.__in_handle(() => this.__step_done(false, raised)),
    );
  }

  /**
   * Runs the rest of a step that JS continues in a microtask. In CPython all of __step runs
   * inside `Handle._run`, whose `except BaseException` reports to the loop's exception
   * handler; this gives the continuation the same net (instead of an unhandled rejection).
   */
  __in_handle(fn: () => void): void {
    try {
      fn();
    } catch (exc) {
      this._loop.call_exception_handler({ message: `Exception in callback ${this.__repr__()}.__step()`, exception: exc });
    }
  }

  /** Ports the `except`/`finally` branches of Task.__step, 3.11: the coroutine finished. */
  private __step_done(returned: boolean, value: unknown): void {
    this._coro._finished = true;
    try {
      if (returned) {
        if (this._must_cancel) {
          // Task is cancelled right before coro stops.
          this._must_cancel = false;
          this._future_cancel(this._cancel_message);
        } else {
          this._future_set_result(value as T);
        }
      } else if (value instanceof CancelledError) {
        this._cancelled_exc = value;
        this._future_cancel();
      } else {
        // Nothing but this step's handle holds a dropped task without done callbacks: CPython frees it when the handle is done.
        const freedAfterStep = this._unreferenced && this._callbacks.length === 0;
        this._future_set_exception(value);
        if (freedAfterStep) this._loop._freed_after_handle.push(this as Task<unknown>);
      }
    } finally {
      _leave_task(this._loop, this as Task<unknown>);
      _unregister_task(this as Task<unknown>);
    }
  }

  /**
   * Ports the `else` branch of Task.__step, 3.11: the coroutine yielded `result` — null for
   * a bare `yield` (sleep(0): step again next iteration), else a Future to wait for.
   */
  __step_yielded(result: Future<unknown> | null): void {
    try {
      if (result === null) {
        // Bare yield relinquishes control for one event loop iteration.
        this._loop.call_soon(this.__step_bound);
      } else if (_get_loop(result) !== this._loop) {
        const newExc = new RuntimeError(
          `Task ${this.__repr__()} got Future ${result.__repr__()} attached to a different loop`,
        );
        this._loop.call_soon(this.__step_bound, newExc);
      } else if (result === (this as Task<unknown>)) {
        this._loop.call_soon(this.__step_bound, new RuntimeError(`Task cannot await on itself: ${this.__repr__()}`));
      } else {
        result.add_done_callback(this.__wakeup_bound);
        this._fut_waiter = result;
        if (this._must_cancel) {
          if (this._fut_waiter.cancel(this._cancel_message)) this._must_cancel = false;
        }
      }
    } finally {
      _leave_task(this._loop, this as Task<unknown>);
    }
  }

  /** Ports Task.__wakeup, 3.11: the awaited future is done; step with its exception, if any. */
  __wakeup(future: Future<unknown>): void {
    try {
      future.result();
    } catch (exc) {
      // This may also be a cancellation.
      this.__step(exc);
      return;
    }
    this.__step();
  }

  /** The C type's `tp_name` (error messages: `'<' not supported between instances of '_asyncio.Task' and 'int'`). */
  override get __pyTypeName__(): string {
    return '_asyncio.Task';
  }

  /** Ports Task.__repr__, 3.11 (base_tasks._task_repr: state, name, coroutine, awaited future, callbacks). */
  override __repr__(): string {
    return _task_repr(this as Task<unknown>);
  }
}


// ------------------------------------------------------------------ suspending and awaiting

/**
 * The coroutine of the current task yields `what` to its `__step` (see the header): does what
 * `__step` does with it now, and returns the promise the task's next `__step` settles.
 */
export function _suspend(what: Future<unknown> | null): Promise<void> {
  const loop = get_running_loop();
  const task = _current_tasks.get(loop);
  if (task === undefined) throw new RuntimeError('await outside of a task: no current task to suspend');
  task._saved_depth = frames.depth;
  task._saved_running = running.coroutine;
  return new Promise<void>((resolve, reject) => {
    task._resume = (exc: unknown) => (exc === null ? resolve() : reject(exc));
    task.__in_handle(() => task.__step_yielded(what));
  });
}

/**
 * `await x` for transpiled code (the only way it awaits). Ports Future.__await__ /
 * coroutine `await`, 3.11:
 * - a Coroutine runs inline in the current task (no iteration spent unless it suspends);
 * - a done Future/Task delivers its result (or raises) in the same step, never yielding;
 * - a pending one suspends the task until `__wakeup`, then delivers `result()`.
 */
export async function aw<T>(x: Coroutine<T> | Future<T>): Promise<T> {
  if (x instanceof Coroutine) {
    // The awaited coroutine's frame: counted against the recursion limit, and the one whose
    // line `at_line` sets until it returns (runtime/frames.ts, coroutines.ts).
    enter();
    const caller = running.coroutine;
    running.coroutine = x as Coroutine<unknown>;
    try {
      return await x._start();
    } finally {
      frames.depth -= 1;
      running.coroutine = caller;
      x._finished = true;
    }
  }
  if (x instanceof Future) {
    if (!x.done()) {
      await _suspend(x as Future<unknown>);
      if (!x.done()) throw new RuntimeError("await wasn't used with future");
    }
    return x.result();
  }
  throw new TypeError(`object ${pyTypeName(x)} can't be used in 'await' expression`);
}

/** tasks.py's `sleep` (`async def sleep(delay, result=None):` is line 637 of 3.11.7's tasks.py). */
const SLEEP_CODE: CodeInfo = {
  get co_filename() {
    return stdlibFile('tasks.py');
  },
  co_firstlineno: 637,
};

/** The running sleep coroutine waits at this line of tasks.py (640: `await __sleep0()`, 649: `return await future`). */
function at_sleep_line(line: number): void {
  if (running.coroutine !== null) running.coroutine.f_lineno = line;
}

/** Ports tasks.py __sleep0, 3.11: a bare `yield` — the task steps again next iteration. */
export function __sleep0(): Promise<void> {
  return _suspend(null);
}

/**
 * Ports tasks.py sleep, 3.11: `delay <= 0` is a bare yield (exactly one iteration);
 * otherwise `call_later(delay)` resolves a Future (one `time()` read, in call_later).
 */
export function sleep(delay: number | bigint): Coroutine<null>;
export function sleep<R>(delay: number | bigint, result: R): Coroutine<R>;
export function sleep<R>(delay: number | bigint, result?: R): Coroutine<R | null> {
  const value = result === undefined ? null : result;
  return new Coroutine<R | null>(
    'sleep',
    async () => {
      // The recursion checks CPython makes on the way (`delay <= 0` compares; Future() and
      // TimerHandle() are type calls; call_later, call_at, _check_closed are frames).
      check(1, ' in comparison');
      if (delay <= 0) {
        at_sleep_line(640);
        await __sleep0();
        return value;
      }
      check(2, ' while calling a Python object');
      check(5, '');
      check(6, ' while calling a Python object');
      const loop = get_running_loop();
      const future = loop.create_future<R | null>();
      const h = loop.call_later(Number(delay), _set_result_unless_cancelled, future, value);
      try {
        at_sleep_line(649);
        return await aw(future);
      } finally {
        h.cancel();
      }
    },
    SLEEP_CODE,
  );
}

// ------------------------------------------------------------------ module functions

/** Ports tasks.py create_task, 3.11: the running loop's task (name counter consumed even if named). */
export function create_task<T>(coro: Coroutine<T>, opts: { name?: string | null } = {}): Task<T> {
  const loop = get_running_loop();
  const task = loop.create_task(coro);
  if (opts.name != null) task.set_name(opts.name);
  return task;
}

/** Ports tasks.py current_task, 3.11. */
export function current_task(loop: BaseEventLoop | null = null): Task<unknown> | null {
  const theLoop = loop ?? get_running_loop();
  return _current_tasks.get(theLoop) ?? null;
}

/**
 * Ports tasks.py all_tasks, 3.11: the loop's pending tasks. CPython returns a set ordered by
 * address; the port's Set is in creation order.
 */
export function all_tasks(loop: BaseEventLoop | null = null): Set<Task<unknown>> {
  const theLoop = loop ?? get_running_loop();
  const result = new Set<Task<unknown>>();
  for (const t of _all_tasks) if (_get_loop(t) === theLoop && !t.done()) result.add(t);
  return result;
}

/** Ports tasks.py ensure_future / _ensure_future, 3.11: a Future as is, a coroutine as a new Task. */
export function ensure_future<T>(
  coro_or_future: Coroutine<T> | Future<T>,
  opts: { loop?: BaseEventLoop | null } = {},
): Future<T> {
  const loop = opts.loop ?? null;
  if (isfuture(coro_or_future)) {
    if (loop !== null && loop !== _get_loop(coro_or_future)) {
      throw new ValueError('The future belongs to a different loop than the one specified as the loop argument');
    }
    return coro_or_future as Future<T>;
  }
  if (!iscoroutine(coro_or_future)) {
    throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  }
  const theLoop = loop ?? _get_event_loop();
  return theLoop.create_task(coro_or_future as Coroutine<T>);
}

/** Ports tasks.py _GatheringFuture, 3.11: cancel() cancels the children instead. */
export class _GatheringFuture<T> extends Future<T> {
  _children: Future<unknown>[];
  _cancel_requested = false;

  /** A Python subclass: its `tp_name` is its plain name. */
  override get __pyTypeName__(): string {
    return '_GatheringFuture';
  }

  constructor(children: Future<unknown>[], opts: { loop: BaseEventLoop }) {
    super({ loop: opts.loop });
    this._children = children;
  }

  /** Ports _GatheringFuture.cancel, 3.11. */
  override cancel(msg: string | null = null): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) if (child.cancel(msg)) ret = true;
    if (ret) this._cancel_requested = true;
    return ret;
  }
}

export interface GatherOptions {
  return_exceptions?: boolean;
}

/** An awaitable gather accepts. */
export type Awaitable<T = unknown> = Coroutine<T> | Future<T>;

/** Ports tasks.py gather, 3.11 (`return_exceptions=False`): a Future of the results' list. */
export function gather(...coros_or_futures: Awaitable[]): Future<unknown[]> {
  return gatherWith({}, ...coros_or_futures);
}

/**
 * Ports tasks.py gather, 3.11, with its keyword argument (`gather(*aws, return_exceptions=True)`
 * is `gatherWith({ return_exceptions: true }, ...aws)`). Coroutines become Tasks (consuming
 * `Task-N` names) in argument order; a duplicate argument is wrapped once. A done child's
 * callback is still scheduled with call_soon, hence 3.11's 2 extra iterations for it; from
 * 3.12 (gatherSkipsDoneTasks, gh-97696) it runs at once.
 */
export function gatherWith(opts: GatherOptions, ...coros_or_futures: Awaitable[]): Future<unknown[]> {
  const return_exceptions = opts.return_exceptions ?? false;
  if (coros_or_futures.length === 0) {
    const loop = _get_event_loop();
    const outer = loop.create_future<unknown[]>();
    outer.set_result([]);
    return outer;
  }

  let nfinished = 0;
  let nfuts = 0;
  let loop: BaseEventLoop | null = null;
  let outer: _GatheringFuture<unknown[]> | null = null; // bpo-46672
  const children: Future<unknown>[] = [];
  const arg_to_fut = new Map<Awaitable, Future<unknown>>();
  const done_futs: Future<unknown>[] = []; // 3.12+ only (gatherSkipsDoneTasks)

  const _done_callback = pyFunction((fut: Future<unknown>): void => {
    nfinished += 1;
    if (outer === null || outer.done()) {
      if (!fut.cancelled()) fut.exception(); // Mark exception retrieved.
      return;
    }
    if (!return_exceptions) {
      if (fut.cancelled()) {
        outer.set_exception(fut._make_cancelled_error());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        outer.set_exception(exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results: unknown[] = [];
      for (const child of children) {
        let res: unknown;
        if (child.cancelled()) {
          res = new CancelledError(child._cancel_message === null ? '' : child._cancel_message);
        } else {
          res = child.exception();
          if (res === null) res = child.result();
        }
        results.push(res);
      }
      if (outer._cancel_requested) {
        // `fut` is the last child to finish, as in CPython.
        outer.set_exception(fut._make_cancelled_error());
      } else {
        outer.set_result(results);
      }
    }
  }, 'gather.<locals>._done_callback', { module: 'tasks.py', line: 764 });

  for (const arg of coros_or_futures) {
    let fut = arg_to_fut.get(arg);
    if (fut === undefined) {
      fut = ensure_future(arg as Awaitable<unknown>, { loop });
      if (loop === null) loop = _get_loop(fut);
      nfuts += 1;
      arg_to_fut.set(arg, fut);
      if (gatherSkipsDoneTasks() && fut.done()) done_futs.push(fut);
      else fut.add_done_callback(_done_callback);
    }
    children.push(fut);
  }
  outer = new _GatheringFuture<unknown[]>(children, { loop: loop as BaseEventLoop });
  // 3.12+: a child done already is counted now, once outer exists (port/version.ts).
  for (const fut of done_futs) _done_callback(fut);
  return outer;
}

// ------------------------------------------------------------------ helpers for messages

/** `type(x).__name__` for the values of runtime's representation. */
function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'number') return 'float';
  if (typeof x === 'string') return 'str';
  if (typeof x === 'boolean') return 'bool';
  if (Array.isArray(x)) return 'list';
  if (typeof x === 'function') return 'function';
  return (x as object).constructor?.name ?? 'object';
}

/** A short repr for error messages (full repr lives in runtime). */
function pyReprForMessage(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'object' && '__repr__' in (x as object)) return (x as { __repr__(): string }).__repr__();
  return String(x);
}

// ------------------------------------------------------------------ waiting, with timeouts

/** Ports tasks.py FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED, 3.11 (concurrent.futures' strings). */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/**
 * A Python set of futures. CPython iterates it in the order of the futures' addresses
 * (SEMANTICS.md: not deterministic); the port keeps insertion order. What a program can see
 * of that order (the sets `wait` returns, printed) is outside what the port promises.
 */
export type FutureSet = Set<Future<unknown>>;

/** Ports tasks.py _release_waiter, 3.11. */
export function _release_waiter(waiter: Future<unknown>): void {
  if (!waiter.done()) waiter.set_result(null);
}

/** Ports tasks.py wait, 3.11: `(done, pending)` once `return_when` holds or `timeout` passes. */
export function wait(
  fs: Iterable<Future<unknown>>,
  opts: { timeout?: number | null; return_when?: string } = {},
): Coroutine<[FutureSet, FutureSet]> {
  return new Coroutine('wait', async () => {
    if (isfuture(fs) || iscoroutine(fs)) throw new TypeError(`expect a list of futures, not ${pyTypeName(fs)}`);
    const items = [...fs];
    if (items.length === 0) throw new ValueError('Set of Tasks/Futures is empty.');
    const return_when = opts.return_when ?? ALL_COMPLETED;
    if (return_when !== FIRST_COMPLETED && return_when !== FIRST_EXCEPTION && return_when !== ALL_COMPLETED) {
      throw new ValueError(`Invalid return_when value: ${return_when}`);
    }
    const set: FutureSet = new Set(items);
    if ([...set].some((f) => iscoroutine(f))) throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
    return aw(_wait(set, opts.timeout ?? null, return_when, get_running_loop()));
  });
}

/** Ports tasks.py wait_for, 3.11: the awaitable wrapped in a Task, raced against `timeout`. */
export function wait_for<T>(fut: Coroutine<T> | Future<T>, timeout: number | bigint | null): Coroutine<T> {
  return new Coroutine('wait_for', async () => {
    const loop = get_running_loop();
    if (timeout === null) return aw(fut);
    if (timeout <= 0) {
      const inner = ensure_future(fut, { loop });
      if (inner.done()) return inner.result();
      await aw(_cancel_and_wait(inner as Future<unknown>, loop));
      return resultOrTimeout(inner);
    }
    const waiter = loop.create_future<null>();
    const timeout_handle = loop.call_later(Number(timeout), _release_waiter, waiter);
    const cb = (_f: Future<T>): void => _release_waiter(waiter); // functools.partial(_release_waiter, waiter)
    const inner = ensure_future(fut, { loop });
    inner.add_done_callback(cb);
    try {
      try {
        await aw(waiter);
      } catch (exc) {
        if (!(exc instanceof CancelledError)) throw exc;
        if (inner.done()) return inner.result();
        inner.remove_done_callback(cb);
        // The inner future must be done before the CancelledError goes on.
        await aw(_cancel_and_wait(inner as Future<unknown>, loop));
        throw exc;
      }
      if (inner.done()) return inner.result();
      inner.remove_done_callback(cb);
      if (_mutations.waitForNoInnerRace) {
        inner.cancel();
        throw new TimeoutErrorPy();
      }
      // The inner future must be done before the TimeoutError goes on: cancelled, it may
      // still finish with a result (the inner-completion race of 3.11).
      await aw(_cancel_and_wait(inner as Future<unknown>, loop));
      return resultOrTimeout(inner);
    } finally {
      timeout_handle.cancel();
    }
  });
}

/** `fut.result()` of a future wait_for cancelled: its CancelledError becomes `TimeoutError() from exc`. */
function resultOrTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (exc) {
    if (exc instanceof CancelledError) throw Object.assign(new TimeoutErrorPy(), { __cause__: exc, __suppress_context__: true });
    throw exc;
  }
}

/** Ports tasks.py _wait, 3.11: one waiter released by the futures' callbacks or the timeout. */
export function _wait(fs: FutureSet, timeout: number | null, return_when: string, loop: BaseEventLoop): Coroutine<[FutureSet, FutureSet]> {
  return new Coroutine('_wait', async () => {
    // Invariant (asserted by CPython): fs is not empty.
    const waiter = loop.create_future<null>();
    const timeout_handle = timeout === null ? null : loop.call_later(timeout, _release_waiter, waiter);
    let counter = fs.size;
    const _on_completion = (f: Future<unknown>): void => {
      counter -= 1;
      if (counter <= 0 || return_when === FIRST_COMPLETED || (return_when === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)) {
        if (timeout_handle !== null) timeout_handle.cancel();
        if (!waiter.done()) waiter.set_result(null);
      }
    };
    for (const f of fs) f.add_done_callback(_on_completion);
    try {
      await aw(waiter);
    } finally {
      if (timeout_handle !== null) timeout_handle.cancel();
      for (const f of fs) f.remove_done_callback(_on_completion);
    }
    const done: FutureSet = new Set();
    const pending: FutureSet = new Set();
    for (const f of fs) (f.done() ? done : pending).add(f);
    return [done, pending];
  });
}

/** Ports tasks.py _cancel_and_wait, 3.11: cancel `fut` and wait until it is really done. */
export function _cancel_and_wait(fut: Future<unknown>, loop: BaseEventLoop): Coroutine<null> {
  return new Coroutine('_cancel_and_wait', async () => {
    const waiter = loop.create_future<null>();
    const cb = (_f: Future<unknown>): void => _release_waiter(waiter);
    fut.add_done_callback(cb);
    try {
      fut.cancel();
      await aw(waiter);
    } finally {
      fut.remove_done_callback(cb);
    }
    return null;
  });
}

/**
 * Ports tasks.py as_completed, 3.11: a generator of coroutines, each giving the next result
 * to finish (or raising TimeoutError once `timeout` passes). Coroutines given become Tasks
 * in the order of a Python set of them — address order in CPython, insertion order here.
 */
export function* as_completed<T>(fs: Iterable<Coroutine<T> | Future<T>>, opts: { timeout?: number | null } = {}): Generator<Coroutine<T>, void, undefined> {
  if (isfuture(fs) || iscoroutine(fs)) throw new TypeError(`expect an iterable of futures, not ${pyTypeName(fs)}`);
  const done = new Queue();
  const loop = _get_event_loop();
  const todo = new Set<Future<T>>([...new Set(fs)].map((f) => ensure_future(f, { loop })));
  let timeout_handle: { cancel(): void } | null = null;
  const _on_timeout = (): void => {
    for (const f of todo) {
      f.remove_done_callback(_on_completion);
      done.put_nowait(null); // a dummy value for _wait_for_one()
    }
    todo.clear();
  };
  const _on_completion = (f: Future<T>): void => {
    if (todo.size === 0) return; // _on_timeout() was here first
    todo.delete(f);
    done.put_nowait(f);
    if (todo.size === 0 && timeout_handle !== null) timeout_handle.cancel();
  };
  const _wait_for_one = (): Coroutine<T> =>
    new Coroutine('_wait_for_one', async () => {
      const f = (await aw(done.get())) as Future<T> | null;
      if (f === null) throw new TimeoutErrorPy();
      return f.result(); // may raise f.exception()
    });
  for (const f of todo) f.add_done_callback(_on_completion);
  if (todo.size > 0 && opts.timeout !== undefined && opts.timeout !== null) timeout_handle = loop.call_later(opts.timeout, _on_timeout);
  const n = todo.size;
  if (_mutations.asCompletedInputOrder) {
    // The simplification: `for (const f of fs) yield f` — results in input order.
    for (const f of [...todo]) yield new Coroutine('_wait_for_one', async () => aw(f));
    return;
  }
  for (let i = 0; i < n; i++) yield _wait_for_one();
}

/** Ports tasks.py shield, 3.11: an outer future that a cancellation of the awaiter does not pass through. */
export function shield<T>(arg: Coroutine<T> | Future<T>): Future<T> {
  const inner = ensure_future(arg);
  if (inner.done()) return inner; // short-cut
  const loop = _get_loop(inner);
  const outer = loop.create_future<T>();
  const _inner_done_callback = (inner_: Future<T>): void => {
    if (outer.cancelled()) {
      // Mark the inner's exception as retrieved.
      if (!inner_.cancelled()) inner_.exception();
      return;
    }
    if (inner_.cancelled()) outer.cancel();
    else {
      const exc = inner_.exception();
      if (exc !== null) outer.set_exception(exc);
      else outer.set_result(inner_.result());
    }
  };
  const _outer_done_callback = (_outer: Future<T>): void => {
    if (!inner.done()) inner.remove_done_callback(_inner_done_callback);
  };
  inner.add_done_callback(_inner_done_callback);
  outer.add_done_callback(_outer_done_callback);
  return outer;
}
