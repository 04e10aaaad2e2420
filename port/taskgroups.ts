/**
 * Ports asyncio/taskgroups.py, 3.11.7: `TaskGroup`.
 *
 * The first child that fails cancels its siblings (`_abort`) and the parent task once (so
 * the parent's `await` inside the block ends); `__aexit__` waits for every child, then
 * raises the children's errors as one `ExceptionGroup('unhandled errors in a TaskGroup')`,
 * or the parent's own CancelledError when it was cancelled from outside and nothing failed.
 *
 * `_tasks` is a Python set, iterated by `_abort`: CPython cancels the children in the order
 * of their addresses' hashes, which no program can rely on (SEMANTICS.md, "Where CPython
 * itself is not deterministic"). The port keeps insertion order; a program whose output
 * depends on the order siblings are cancelled in is outside what the port promises.
 */
import { Coroutine } from './coroutines.ts';
import type { BaseEventLoop } from './base_events.ts';
import { get_running_loop } from './events.ts';
import { CancelledError } from './exceptions.ts';
import type { Future } from './futures.ts';
import { aw, current_task, type Task } from './tasks.ts';
import { _mutations } from './_mutations.ts';
import { newExceptionGroup } from '../runtime/exception_groups.ts';
import { RuntimeError, type BaseException } from '../runtime/exceptions.ts';

/** Ports taskgroups.py TaskGroup, 3.11.7. */
export class TaskGroup {
  _entered = false;
  _exiting = false;
  _aborting = false;
  _loop: BaseEventLoop | null = null;
  _parent_task: Task<unknown> | null = null;
  _parent_cancel_requested = false;
  readonly _tasks = new Set<Task<unknown>>();
  _errors: BaseException[] | null = [];
  _base_error: BaseException | null = null;
  _on_completed_fut: Future<boolean> | null = null;

  /** Ports TaskGroup.__repr__, 3.11: `<TaskGroup tasks=2 entered>`. */
  __repr__(): string {
    const info = [''];
    if (this._tasks.size > 0) info.push(`tasks=${this._tasks.size}`);
    if (this._errors !== null && this._errors.length > 0) info.push(`errors=${this._errors.length}`);
    if (this._aborting) info.push('cancelling');
    else if (this._entered) info.push('entered');
    return `<TaskGroup${info.join(' ')}>`;
  }

  /** Ports TaskGroup.__aenter__, 3.11. */
  __aenter__(): Coroutine<TaskGroup> {
    return new Coroutine('TaskGroup.__aenter__', async () => {
      if (this._entered) throw new RuntimeError(`TaskGroup ${this.__repr__()} has already been entered`);
      if (this._loop === null) this._loop = get_running_loop();
      this._parent_task = current_task(this._loop);
      if (this._parent_task === null) throw new RuntimeError(`TaskGroup ${this.__repr__()} cannot determine the parent task`);
      this._entered = true;
      return this;
    });
  }

  /** Ports TaskGroup.__aexit__(et, exc, tb), 3.11.7: `exc` is what the block raised (null if nothing). */
  __aexit__(_et: unknown, exc: BaseException | null, _tb?: unknown): Coroutine<null> {
    return new Coroutine('TaskGroup.__aexit__', async () => {
      this._exiting = true;
      const loop = this._loop as BaseEventLoop;
      const parent = this._parent_task as Task<unknown>;
      if (exc !== null && this._is_base_error(exc) && this._base_error === null) this._base_error = exc;
      let propagate_cancellation_error: BaseException | null = exc !== null && exc.constructor === CancelledError ? exc : null;
      if (this._parent_cancel_requested) {
        // This TaskGroup cancelled its parent itself: that cancellation is not to propagate.
        if (parent.uncancel() === 0n) propagate_cancellation_error = null;
      }
      if (exc !== null && !this._aborting) this._abort();
      // Wait for every child; the parent may be cancelled meanwhile (from outside).
      while (this._tasks.size > 0) {
        if (this._on_completed_fut === null) this._on_completed_fut = loop.create_future<boolean>();
        try {
          await aw(this._on_completed_fut);
        } catch (ex) {
          if (!(ex instanceof CancelledError)) throw ex;
          if (!this._aborting) {
            propagate_cancellation_error = ex;
            this._abort();
          }
        }
        this._on_completed_fut = null;
      }
      // Invariant: every child is done.
      if (this._base_error !== null) throw this._base_error;
      const errors = this._errors as BaseException[];
      // Propagate the CancelledError only if nothing else failed: errors win.
      if (propagate_cancellation_error !== null && errors.length === 0) throw propagate_cancellation_error;
      if (exc !== null && exc.constructor !== CancelledError) errors.push(exc);
      if (errors.length > 0) {
        this._errors = null;
        // `raise me from None`.
        throw Object.assign(newExceptionGroup('unhandled errors in a TaskGroup', errors), { __suppress_context__: true });
      }
      return null;
    });
  }

  /** Ports TaskGroup.create_task, 3.11: a child task, named as asked, watched by `_on_task_done`. */
  create_task<T>(coro: Coroutine<T>, opts: { name?: string | null } | string | null = {}): Task<T> {
    // A program's `tg.create_task(c, name='x')` passes the name positionally (runtime callMethod).
    if (typeof opts === 'string' || opts === null) opts = { name: opts };
    if (!this._entered) throw new RuntimeError(`TaskGroup ${this.__repr__()} has not been entered`);
    if (this._exiting && this._tasks.size === 0) throw new RuntimeError(`TaskGroup ${this.__repr__()} is finished`);
    if (this._aborting) throw new RuntimeError(`TaskGroup ${this.__repr__()} is shutting down`);
    const task = (this._loop as BaseEventLoop).create_task(coro);
    if (opts.name !== undefined && opts.name !== null) task.set_name(opts.name); // tasks._set_task_name
    task.add_done_callback((t) => this._on_task_done(t as Task<unknown>));
    this._tasks.add(task as Task<unknown>);
    return task;
  }

  /** Ports TaskGroup._is_base_error, 3.11: SystemExit and KeyboardInterrupt, which no program of the IR raises. */
  _is_base_error(_exc: BaseException): boolean {
    return false;
  }

  /** Ports TaskGroup._abort, 3.11: cancels every child not done (insertion order: see the header). */
  _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) if (!t.done()) t.cancel();
  }

  /** Ports TaskGroup._on_task_done, 3.11.7. */
  _on_task_done(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._on_completed_fut !== null && this._tasks.size === 0 && !this._on_completed_fut.done()) {
      this._on_completed_fut.set_result(true);
    }
    if (task.cancelled()) return;
    const exc = task.exception() as BaseException | null;
    if (exc === null) return;
    (this._errors as BaseException[]).push(exc);
    if (this._is_base_error(exc) && this._base_error === null) this._base_error = exc;
    const parent = this._parent_task as Task<unknown>;
    if (parent.done()) {
      (this._loop as BaseEventLoop).call_exception_handler({
        message: `Task ${task.__repr__()} has errored out but its parent task ${parent.__repr__()} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parent_cancel_requested && !_mutations.taskGroupNoSiblingCancel) {
      // The parent is probably awaiting something inside the block: cancel it once, so
      // that `__aexit__` runs and waits for the siblings.
      this._abort();
      this._parent_cancel_requested = true;
      parent.cancel();
    }
  }
}
