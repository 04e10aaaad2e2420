/**
 * Ports asyncio/runners.py, 3.11: Runner and run.
 *
 * The shutdown order matters to traces: when main's task is done, the loop finishes the
 * current iteration (the stop callback is scheduled), then `close()` cancels every pending
 * task and runs the loop until they finish, then runs `shutdown_asyncgens()` and
 * `shutdown_default_executor()` (each a Task: 2 iterations and one clock read per iteration).
 */
import './clock_loops.ts'; // registers the default (real-clock) policy, as asyncio/__init__ imports unix_events
import type { BaseEventLoop } from './base_events.ts';
import { Coroutine, iscoroutine, running } from './coroutines.ts';
import { _get_running_loop, new_event_loop, set_event_loop } from './events.ts';
import { _forget_loop_tasks, all_tasks, gatherWith } from './tasks.ts';
import { RuntimeError, ValueError } from '../runtime/exceptions.ts';
import { frames } from '../runtime/frames.ts';

type RunnerState = 'created' | 'initialized' | 'closed';

/** Ports runners.py Runner, 3.11 (no debug flag, no SIGINT handling). */
export class Runner {
  private _state: RunnerState = 'created';
  private _loop_factory: (() => BaseEventLoop) | null;
  private _loop: BaseEventLoop | null = null;
  private _set_event_loop = false;

  constructor(opts: { loop_factory?: (() => BaseEventLoop) | null } = {}) {
    this._loop_factory = opts.loop_factory ?? null;
  }

  /**
   * Ports Runner.close, 3.11: cancel the remaining tasks and run them to the end, then the
   * two shutdown steps; always closes the loop. After a harness error the loop refuses to
   * run again (it rethrows the error), so nothing more of the program runs.
   */
  async close(): Promise<void> {
    if (this._state !== 'initialized') return;
    const loop = this._loop as BaseEventLoop;
    try {
      await _cancel_all_tasks(loop);
      await loop.run_until_complete(loop.shutdown_asyncgens());
      await loop.run_until_complete(loop.shutdown_default_executor());
    } finally {
      if (this._set_event_loop) set_event_loop(null);
      loop.close();
      _forget_loop_tasks(loop);
      this._loop = null;
      this._state = 'closed';
    }
  }

  /** Ports Runner.__enter__, 3.11: `with asyncio.Runner() as runner:`. */
  __enter__(): this {
    this._lazy_init();
    return this;
  }

  /**
   * Ports Runner.__exit__, 3.11: close() and no suppression. close() runs the loop, so in JS
   * this is a promise (of False) that the `with` statement awaits, as `runner.run(...)` is
   * awaited (transpile/emit-asyncio-api.ts BLOCKING_METHODS).
   */
  async __exit__(_type: unknown, _value: unknown, _tb: unknown): Promise<boolean> {
    await this.close();
    return false;
  }

  /** Ports Runner.get_loop, 3.11. */
  get_loop(): BaseEventLoop {
    this._lazy_init();
    return this._loop as BaseEventLoop;
  }

  /** Ports Runner.run, 3.11: the coroutine becomes a Task (`Task-1` in a fresh program). */
  async run<R>(coro: Coroutine<R>): Promise<R> {
    if (!iscoroutine(coro)) throw new ValueError(`a coroutine was expected, got ${typeof coro === "string" ? `'${coro}'` : String(coro)}`);
    if (_get_running_loop() !== null) {
      throw new RuntimeError('Runner.run() cannot be called from a running event loop');
    }
    this._lazy_init();
    const loop = this._loop as BaseEventLoop;
    // asyncio.run, Runner.run, run_until_complete, run_forever, _run_once, Handle._run and
    // two counted C calls stand between the caller's frame and the task's coroutine.
    loop._task_base_depth = frames.depth + 8;
    const task = loop.create_task(coro);
    return loop.run_until_complete(task);
  }

  /** Ports Runner._lazy_init, 3.11: the policy's `new_event_loop()`, set as current. */
  private _lazy_init(): void {
    if (this._state === 'closed') throw new RuntimeError('Runner is closed');
    if (this._state === 'initialized') return;
    if (this._loop_factory === null) {
      this._loop = new_event_loop();
      if (!this._set_event_loop) {
        set_event_loop(this._loop);
        this._set_event_loop = true;
      }
    } else {
      this._loop = this._loop_factory();
    }
    this._state = 'initialized';
  }
}

/**
 * Ports runners.py run, 3.11: `with Runner() as runner: return runner.run(main)`.
 * Rejects with the Python exception main raised, or with a harness error (BudgetExceeded,
 * Deadlock) after the loop was closed and its tasks forgotten.
 */
export async function run<R>(main: Coroutine<R>): Promise<R> {
  if (_get_running_loop() !== null) {
    throw new RuntimeError('asyncio.run() cannot be called from a running event loop');
  }
  const runner = new Runner();
  // The caller's frame is what runs again when asyncio.run returns (tasks move the depth).
  const depth = frames.depth;
  const caller = running.coroutine;
  let result: R;
  try {
    try {
      result = await runner.run(main);
    } catch (e) {
      // `__exit__` runs close(); an exception from close() would replace e, as in Python.
      await runner.close();
      throw e;
    }
    await runner.close();
  } finally {
    frames.depth = depth;
    running.coroutine = caller;
  }
  return result;
}

/**
 * Ports runners.py _cancel_all_tasks, 3.11. CPython iterates `all_tasks()`, a set ordered by
 * memory address — the one place its order is not deterministic; the port cancels in
 * creation order. Output printed by cancelled tasks is compared per task for that reason.
 */
export async function _cancel_all_tasks(loop: BaseEventLoop): Promise<void> {
  const to_cancel = all_tasks(loop);
  if (to_cancel.size === 0) return;
  for (const task of to_cancel) task.cancel();
  await loop.run_until_complete(gatherWith({ return_exceptions: true }, ...to_cancel));
  for (const task of to_cancel) {
    if (task.cancelled()) continue;
    if (task.exception() !== null) {
      loop.call_exception_handler({
        message: 'unhandled exception during asyncio.run() shutdown',
        exception: task.exception(),
        task,
      });
    }
  }
}
