/**
 * Ports asyncio/base_events.py, 3.11: BaseEventLoop — the ready deque, the timer heap,
 * `_run_once`, call_soon/call_later/call_at, run_forever/run_until_complete.
 *
 * The clock and `select` are left to subclasses (port/clock_loops.ts), like CPython leaves
 * the selector to BaseSelectorEventLoop. Every `time()` read CPython 3.11 makes on these
 * paths is made here, in the same place and order: `call_later` (1 read), `_run_once`'s
 * timeout (1 read, only when nothing is ready, the loop is not stopping and a timer is
 * scheduled) and `end_time` (1 read every iteration). Debug mode (more reads) is never on.
 *
 * Where the port differs because JS await is native: `_run_once` is async and, after each
 * handle, waits for one macrotask (`setImmediate`), so every JS microtask the handle caused
 * (the resumed task's promise chain up to its next suspension) has run before the next
 * handle starts. That is what a synchronous `handle._run()` means in CPython.
 */
import { asCallback } from '../runtime/callables.ts';
import { heapify, heappop, heappush } from './heapq.ts';
import { Handle, TimerHandle, _loopEvents, _set_running_loop, _get_running_loop, timerLessThan, type Callback } from './events.ts';
import { Coroutine } from './coroutines.ts';
import { Future, isfuture } from './futures.ts';
import { Task, ensure_future, gatherWith, aw } from './tasks.ts';
import { asyncgenHooks, type AsyncgenHook, type PyAsyncGenerator } from '../runtime/generators.ts';
import { Exception } from '../runtime/exceptions.ts';
import { _mutations } from './_mutations.ts';
import { pyFunction } from './format_helpers.ts';
import { RuntimeError, TypeError, pythonMessage, pythonTypeName, tracebackLastLine } from '../runtime/exceptions.ts';
import { repr } from '../runtime/str.ts';
import { PyDict } from '../runtime/dict.ts';
import { isCallable } from '../runtime/callable.ts';
import { RunTimeRefusal } from '../runtime/refusal.ts';
import type { PyValue } from '../runtime/values.ts';

/** Ports base_events.py _MIN_SCHEDULED_TIMER_HANDLES, 3.11. */
export const _MIN_SCHEDULED_TIMER_HANDLES = 100;
/** Ports base_events.py _MIN_CANCELLED_TIMER_HANDLES_FRACTION, 3.11. */
export const _MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** Ports base_events.py MAXIMUM_SELECT_TIMEOUT, 3.11 (one day). */
export const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;

/** What `call_exception_handler` receives (base_events.py's context dict). */
export interface ExceptionContext {
  message: string;
  exception?: unknown;
  handle?: Handle;
  task?: Future<unknown>;
  future?: Future<unknown>;
  asyncgen?: unknown;
  /** The context a program's handler failed on (the dict it was given). */
  context?: unknown;
}

/** A loop's exception handler: the port's own (a JS function given the context object), or a program's (a Python callable given a dict). */
type ExceptionHandler = ((loop: BaseEventLoop, context: ExceptionContext) => void) | ((loop: BaseEventLoop, context: PyDict) => void);

/** The context as the dict a program's handler reads (`context['message']`, `context.get('exception')`). */
function contextDict(context: ExceptionContext): PyDict {
  const dict = new PyDict();
  for (const [key, value] of Object.entries(context)) if (value !== undefined) dict.set(key, value as PyValue);
  return dict;
}

/** Lets every JS microtask already queued run: one macrotask. */
const macrotask = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Ports base_events.py _run_until_complete_cb, 3.11: stop the loop once the future is done. */
export const _run_until_complete_cb = pyFunction(
  function _run_until_complete_cb(fut: Future<unknown>): void {
    if (!fut.cancelled()) fut.exception(); // CPython checks for SystemExit/KeyboardInterrupt here.
    fut.get_loop().stop();
  },
  '_run_until_complete_cb',
  { module: 'base_events.py', line: 180 },
);

/** Ports base_events.py BaseEventLoop, 3.11 (no I/O: the IR has none). */
export abstract class BaseEventLoop {
  _timer_cancelled_count = 0;
  _closed = false;
  _stopping = false;
  /** The ready queue (a deque in CPython: append at the right, popleft). */
  _ready: Handle[] = [];
  /** The timer heap, ordered by `TimerHandle.__lt__` (`_when` only). */
  _scheduled: TimerHandle[] = [];
  /** `time.get_clock_info('monotonic').resolution` on Linux; the oracle pins the same. */
  _clock_resolution = 1e-9;
  _running = false;
  _exception_handler: ExceptionHandler | null = null;
  /** What `set_exception_handler` was given, as `get_exception_handler` returns it; a program's Python callable is not a JS function. */
  _exception_handler_value: unknown = null;
  /** Not in CPython: `_run_once` calls so far (trace entries and the budget use it). */
  iterations = 0;
  /**
   * Not in CPython: the Python frames below a task's coroutine when a handle steps it
   * (`asyncio.run`, `Runner.run`, `run_until_complete`, `run_forever`, `_run_once`,
   * `Handle._run` and C calls that count): set by runners.ts from the depth `asyncio.run`
   * was called at (runtime/frames.ts).
   */
  _task_base_depth = 9;
  /** Not in CPython: a harness error ends the run; later `_run_once` calls rethrow it. */
  _harness_error: Error | null = null;
  /**
   * Ports BaseEventLoop._asyncgens, 3.11: the async generators that started on this loop.
   * CPython keeps a WeakSet (so one that finished and was dropped is gone; its iteration
   * order follows addresses); the port keeps first-step order and skips finished ones.
   */
  _asyncgens = new Set<PyAsyncGenerator>();
  /**
   * Not in CPython: the futures of this loop whose exception was set, in the order it was set
   * (`_collect_unretrieved` reports those nobody retrieved when the loop closes).
   */
  _unretrieved: Future<unknown>[] = [];
  /** Not in CPython: dropped tasks that failed in the handle running now; freed when it is done (tasks.ts `_discarded`). */
  _freed_after_handle: Future<unknown>[] = [];
  /** Ports BaseEventLoop._asyncgens_shutdown_called, 3.11. */
  _asyncgens_shutdown_called = false;
  /** The hooks as bound methods (sys.set_asyncgen_hooks keeps them). */
  private readonly _asyncgen_hooks: { firstiter: AsyncgenHook; finalizer: AsyncgenHook } = {
    firstiter: (agen) => this._asyncgen_firstiter_hook(agen),
    finalizer: (agen) => this._asyncgen_finalizer_hook(agen),
  };

  /** Ports BaseEventLoop.time, 3.11: the loop's clock (subclasses define it). */
  abstract time(): number;

  /** The clock's current value, read without advancing it (trace entries use it). */
  abstract virtualNow(): number;

  /**
   * The selector's `select(timeout)`: wait up to `timeout` seconds (null = forever), with
   * no I/O to report. A virtual clock only advances; a real one sleeps.
   */
  abstract _select(timeout: number | null): void | Promise<void>;

  /** Hook run at the start of each `_run_once` (budget checks); throws a harness error. */
  protected _check_budget(): void {}

  /**
   * Ports BaseEventLoop.__repr__, 3.11, with the class name `python3 FILE` shows on Linux
   * (the default `_UnixSelectorEventLoop`), as the oracle's virtual loops do too.
   */
  __repr__(): string {
    const b = (x: boolean): string => (x ? 'True' : 'False');
    return `<_UnixSelectorEventLoop running=${b(this.is_running())} closed=${b(this.is_closed())} debug=${b(this.get_debug())}>`;
  }

  /** Ports BaseEventLoop.create_future, 3.11. */
  create_future<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /** Ports BaseEventLoop.create_task, 3.11 (no task factory). */
  create_task<T>(coro: Coroutine<T>, opts: { name?: string | null } | string | null = {}): Task<T> {
    this._check_closed();
    // A program's `name=` arrives as a plain value through py.callMethod.
    const name = opts === null || typeof opts === 'string' ? opts : (opts.name ?? null);
    const task = new Task<T>(coro, { loop: this, name });
    if (_loopEvents.hooks !== null) _loopEvents.hooks.taskMade(task); // explain's recorder
    return task;
  }

  /** Ports BaseEventLoop._check_closed, 3.11. */
  _check_closed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /** Ports BaseEventLoop._check_running, 3.11. */
  _check_running(): void {
    if (this.is_running()) throw new RuntimeError('This event loop is already running');
    if (_get_running_loop() !== null) {
      throw new RuntimeError('Cannot run the event loop while another loop is running');
    }
  }

  /** Ports BaseEventLoop._asyncgen_finalizer_hook, 3.11: close a dropped async generator in a task of its own. */
  _asyncgen_finalizer_hook(agen: PyAsyncGenerator): void {
    this._asyncgens.delete(agen);
    if (!this.is_closed()) this.call_soon_threadsafe((aclose: Coroutine<unknown>) => this.create_task(aclose), agen.aclose());
  }

  /** Ports BaseEventLoop._asyncgen_firstiter_hook, 3.11 (the ResourceWarning after shutdown is not observable). */
  _asyncgen_firstiter_hook(agen: PyAsyncGenerator): void {
    this._asyncgens.add(agen);
  }

  /**
   * Ports BaseEventLoop.shutdown_asyncgens, 3.11: `aclose()` every async generator still
   * suspended, all at once through `gather(..., return_exceptions=True)` (one task each).
   */
  shutdown_asyncgens(): Coroutine<null> {
    return new Coroutine('BaseEventLoop.shutdown_asyncgens', async () => {
      this._asyncgens_shutdown_called = true;
      // Finished ones: CPython's WeakSet has lost them once dropped (see `_asyncgens`).
      const closing_agens = [...this._asyncgens].filter((agen) => !agen.closed);
      if (closing_agens.length === 0 || _mutations.noShutdownAsyncgens) return null;
      this._asyncgens.clear();
      const results = await aw(gatherWith({ return_exceptions: true }, ...closing_agens.map((ag) => ag.aclose() as Coroutine<unknown>)));
      closing_agens.forEach((agen, k) => {
        const result = results[k];
        if (result instanceof Exception) {
          this.call_exception_handler({
            message: `an error occurred during closing of asynchronous generator ${agen.__repr__()}`,
            exception: result,
            asyncgen: agen,
          });
        }
      });
      return null;
    });
  }

  /** Ports BaseEventLoop.shutdown_default_executor, 3.11: there is never a default executor. */
  shutdown_default_executor(): Coroutine<null> {
    return new Coroutine('BaseEventLoop.shutdown_default_executor', async () => null);
  }

  /** Ports BaseEventLoop.run_forever, 3.11: `_run_once` until stop() was called. */
  run_forever(): Promise<void> {
    // The checks raise at the call, as in CPython (a coroutine calling it catches them); the loop runs async.
    this._check_closed();
    this._check_running();
    return this._run_forever_checked();
  }

  /** Not in CPython: run_forever's body after its checks (JS await is native, the call is not). */
  private async _run_forever_checked(): Promise<void> {
    try {
      this._running = true;
      const old_agen_hooks = { ...asyncgenHooks };
      Object.assign(asyncgenHooks, this._asyncgen_hooks);
      try {
        _set_running_loop(this);
        while (true) {
          await this._run_once();
          if (this._stopping) break;
        }
      } finally {
        Object.assign(asyncgenHooks, old_agen_hooks);
      }
    } finally {
      this._stopping = false;
      this._running = false;
      _set_running_loop(null);
    }
  }

  /**
   * Ports BaseEventLoop.run_until_complete, 3.11: a coroutine is wrapped in a Task; the
   * loop stops via a done callback, so the iteration that finished the future completes.
   */
  run_until_complete<T>(future: Future<T> | Coroutine<T>): Promise<T> {
    this._check_closed();
    this._check_running();
    return this._run_until_complete_checked(future);
  }

  /** Not in CPython: run_until_complete's body after its checks, which raise at the call. */
  private async _run_until_complete_checked<T>(future: Future<T> | Coroutine<T>): Promise<T> {
    const new_task = !isfuture(future);
    const fut = ensure_future(future, { loop: this });
    fut.add_done_callback(_run_until_complete_cb as (f: Future<T>) => void);
    try {
      await this.run_forever();
    } catch (e) {
      if (new_task && fut.done() && !fut.cancelled()) fut.exception();
      throw e;
    } finally {
      fut.remove_done_callback(_run_until_complete_cb as (f: Future<T>) => void);
    }
    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');
    return fut.result();
  }

  /** Ports BaseEventLoop.stop, 3.11: the current iteration still completes. */
  stop(): void {
    this._stopping = true;
  }

  /** Ports BaseEventLoop.close, 3.11: drops pending callbacks and timers. */
  close(): void {
    if (this.is_running()) throw new RuntimeError('Cannot close a running event loop');
    if (this._closed) return;
    this._closed = true;
    this._ready.length = 0;
    this._scheduled.length = 0;
    this._collect_unretrieved();
  }

  /** Not in CPython: `Future.__del__` of the dropped tasks the handle that just ran failed (tasks.ts `_discarded`), in the order they failed. */
  _free_after_handle(): void {
    if (this._freed_after_handle.length === 0) return;
    const freed = this._freed_after_handle;
    this._freed_after_handle = [];
    for (const fut of freed) fut._future_del();
  }

  /**
   * Not in CPython: where the port "collects" this loop's futures, so that `Future.__del__`
   * logs "Task exception was never retrieved" / "Future exception was never retrieved".
   *
   * CPython logs when refcounting frees the future: a task nobody holds (`create_task(f())`
   * as a statement) right after the step that failed it, one held by main's local variables
   * when main returns, one in a global at interpreter exit. JS has no such moment (a
   * FinalizationRegistry runs whenever the GC likes). The port's rules: a task the program
   * dropped where it made it is freed after the step that failed it (`_free_after_handle`);
   * every other future of this loop whose exception is still unretrieved when the loop closes
   * (the end of `asyncio.run`, after its shutdown steps: the program can no longer retrieve
   * anything through the loop) is reported then, in the order the exceptions were set. A
   * retrieval before that (`await t`, `t.result()`, `t.exception()`, gather, `t.cancel()`)
   * clears it, as `__log_traceback` does in CPython. This is CPython's content and order for
   * dropped tasks, one failure, and futures held in locals that failed in the order they were
   * assigned. It differs where CPython frees them in another order (a list is freed from its
   * end; locals that failed out of order), where another message comes between (a held task
   * logged at main's return in CPython comes after a later "Exception in callback" here), where
   * a traceback keeps them alive (main raised: its locals' tasks log after the traceback), and
   * for a future retrieved only after `asyncio.run` returned (logged here, never by CPython).
   */
  _collect_unretrieved(): void {
    const unretrieved = this._unretrieved;
    this._unretrieved = [];
    // Logged on stderr, which runs are not compared on, the moment is the port's; handed to the
    // program's handler, which may print, it would be output CPython prints elsewhere.
    if (this._programs_handler() && unretrieved.some((fut) => fut._log_traceback)) {
      throw new RunTimeRefusal(
        "unsupported exception handler for a future whose exception was never retrieved (CPython calls it when the future's last reference goes, a moment the port does not model; retrieve the exception: await it, or call result() or exception())",
      );
    }
    for (const fut of unretrieved) fut._future_del();
  }

  /** Ports BaseEventLoop.is_closed, 3.11. */
  is_closed(): boolean {
    return this._closed;
  }

  /** Ports BaseEventLoop.is_running, 3.11. */
  is_running(): boolean {
    return this._running;
  }

  /** Ports BaseEventLoop.get_debug, 3.11: debug mode is never on (it would read the clock more). */
  get_debug(): boolean {
    return false;
  }

  /** Ports BaseEventLoop.call_later, 3.11: `call_at(self.time() + delay)` — one clock read. */
  call_later(delay: number, callback: Callback, ...args: unknown[]): TimerHandle {
    if (delay === null || delay === undefined) throw new TypeError('delay must not be None');
    return this.call_at(this.time() + Number(delay), callback, ...args); // a program's int delay is a bigint
  }

  /** Ports BaseEventLoop.call_at, 3.11: pushes a TimerHandle on the heap. */
  call_at(when: number, callback: Callback, ...args: unknown[]): TimerHandle {
    if (when === null || when === undefined) throw new TypeError('when cannot be None');
    this._check_closed();
    const timer = new TimerHandle(Number(when), asCallback(callback), args, this);
    heappush(this._scheduled, timer, timerLessThan);
    timer._scheduled = true;
    return timer;
  }

  /** Ports BaseEventLoop.call_soon, 3.11: FIFO — appended to the ready deque. */
  call_soon(callback: Callback, ...args: unknown[]): Handle {
    this._check_closed();
    return this._call_soon(asCallback(callback), args);
  }

  /** Ports BaseEventLoop.call_soon_threadsafe, 3.11 (`_write_to_self` wakes a selector: none here). */
  call_soon_threadsafe(callback: Callback, ...args: unknown[]): Handle {
    this._check_closed();
    return this._call_soon(callback, args);
  }

  /** Ports BaseEventLoop._call_soon, 3.11. */
  _call_soon(callback: Callback, args: unknown[]): Handle {
    const handle = new Handle(callback, args, this);
    this._ready.push(handle);
    return handle;
  }

  /** Ports BaseEventLoop._timer_handle_cancelled, 3.11. */
  _timer_handle_cancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timer_cancelled_count += 1;
  }

  /**
   * Ports BaseEventLoop.call_exception_handler, 3.11 (the default handler logs). A program's
   * handler gets the context as a dict, its keys in the order CPython's call sites write them.
   */
  call_exception_handler(context: ExceptionContext): void {
    if (this._exception_handler === null) {
      this.default_exception_handler(context);
      return;
    }
    const given = this._programs_handler() ? contextDict(context) : context;
    try {
      (this._exception_handler as (loop: BaseEventLoop, context: unknown) => void)(this, given);
    } catch (exc) {
      this.default_exception_handler({ message: 'Unhandled error in exception handler', exception: exc, context: given });
    }
  }

  /** Whether the handler is the program's (`loop.set_exception_handler(f)` with a def, lambda or builtin), not the port's own. */
  _programs_handler(): boolean {
    return this._exception_handler_value !== null && typeof this._exception_handler_value !== 'function';
  }

  /**
   * Ports BaseEventLoop.default_exception_handler, 3.11: `message`, then `key: repr(value)` for
   * each other key in sorted order, logged with the exception's traceback (`exc_info`). Of the
   * traceback the port writes the last line (`ValueError: x`), as `run` does for an uncaught
   * exception: the frames above it are CPython's own files and lines. The debug-mode keys
   * (`source_traceback`, `handle_traceback`) never arise: debug mode is never on.
   */
  default_exception_handler(context: ExceptionContext): void {
    let message = context.message;
    if (!message) message = 'Unhandled exception in event loop';
    const exception = context.exception;
    const log_lines = [message];
    const entries = context as unknown as Record<string, unknown>;
    for (const key of Object.keys(entries).sort()) {
      if (key === 'message' || key === 'exception' || entries[key] === undefined) continue;
      log_lines.push(`${key}: ${repr(entries[key])}`);
    }
    if (exception !== undefined && exception !== null) log_lines.push(tracebackLastLine(pythonTypeName(exception), pythonMessage(exception)));
    this._log_error(log_lines.join('\n'));
  }

  /** Where logged errors go: stderr, as CPython's `logger.error` (virtual loops collect them). */
  _log_error(text: string): void {
    process.stderr.write(`${text}\n`);
  }

  /** Ports BaseEventLoop.set_exception_handler, 3.11: a callable, or None for the default handler. */
  set_exception_handler(handler: unknown): void {
    if (handler !== null && !isCallable(handler)) throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
    this._exception_handler = handler === null ? null : asCallback<ExceptionHandler>(handler as PyValue);
    this._exception_handler_value = handler;
  }

  /** Ports BaseEventLoop.get_exception_handler, 3.11. */
  get_exception_handler(): unknown {
    return this._exception_handler_value;
  }

  /**
   * Ports BaseEventLoop._run_once, 3.11: one full iteration. Runs exactly the handles that
   * were ready after timers were moved (the `ntodo` snapshot), skipping cancelled ones;
   * callbacks they schedule run next iteration.
   */
  async _run_once(): Promise<void> {
    if (this._harness_error !== null) throw this._harness_error;
    this.iterations += 1;
    try {
      this._check_budget();
    } catch (e) {
      this._harness_error = e as Error;
      throw e;
    }

    const sched_count = this._scheduled.length;
    if (
      sched_count > _MIN_SCHEDULED_TIMER_HANDLES &&
      this._timer_cancelled_count / sched_count > _MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      // Remove delayed calls that were cancelled if their number is too high.
      const new_scheduled: TimerHandle[] = [];
      for (const handle of this._scheduled) {
        if (handle._cancelled) handle._scheduled = false;
        else new_scheduled.push(handle);
      }
      heapify(new_scheduled, timerLessThan);
      this._scheduled = new_scheduled;
      this._timer_cancelled_count = 0;
    } else {
      // Remove delayed calls that were cancelled from head of queue.
      while (this._scheduled.length > 0 && this._scheduled[0]._cancelled) {
        this._timer_cancelled_count -= 1;
        const handle = heappop(this._scheduled, timerLessThan);
        handle._scheduled = false;
      }
    }

    let timeout: number | null = null;
    if (this._ready.length > 0 || this._stopping) {
      timeout = 0;
    } else if (this._scheduled.length > 0) {
      // Compute the desired timeout: min(max(0, when - self.time()), MAXIMUM_SELECT_TIMEOUT).
      const when = this._scheduled[0]._when;
      const wait = when - this.time();
      timeout = Math.min(wait > 0 ? wait : 0, MAXIMUM_SELECT_TIMEOUT);
    }

    try {
      await this._select(timeout);
    } catch (e) {
      this._harness_error = e as Error;
      throw e;
    }

    // Handle 'later' callbacks that are ready.
    const end_time = this.time() + this._clock_resolution;
    const already_ready = this._ready.length;
    while (this._scheduled.length > 0) {
      const handle = this._scheduled[0];
      if (handle._when >= end_time) break;
      heappop(this._scheduled, timerLessThan);
      handle._scheduled = false;
      this._ready.push(handle);
    }
    if (_mutations.timersBeforeReady) this._ready.unshift(...this._ready.splice(already_ready));

    // Run the callbacks ready now, not those they schedule (those wait a full iteration).
    const ntodo = this._ready.length;
    for (let i = 0; i < ntodo; i++) {
      const handle = this._ready.shift() as Handle;
      if (handle._cancelled) continue;
      const hooks = _loopEvents.hooks; // explain's recorder (null: off)
      if (hooks !== null) hooks.handleRunning(handle);
      handle._run();
      // The handle is not finished until its microtasks are (see the header).
      if (!_mutations.noMicrotaskDrain) await macrotask();
      this._free_after_handle(); // `handle = None`: what only the handle held is freed
      if (hooks !== null) hooks.handleRan(handle);
    }
    if (_mutations.noMicrotaskDrain) {
      await macrotask();
      this._free_after_handle();
    }
  }
}
