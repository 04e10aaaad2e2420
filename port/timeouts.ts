/**
 * Ports asyncio/timeouts.py, 3.11: `timeout`, `timeout_at` and `Timeout`.
 *
 * A timeout is a TimerHandle that cancels the task inside the block (`_on_timeout`); on the
 * way out, `__aexit__` turns that one CancelledError into TimeoutError, and only if the
 * task's cancel count, uncancelled once, is back to what it was on entry — a cancellation
 * that came from elsewhere stays a cancellation. A deadline already past is scheduled with
 * `call_soon`, so it fires on the next iteration, after what is ready now.
 */
import { Coroutine } from './coroutines.ts';
import { get_running_loop, type TimerHandle, type Handle } from './events.ts';
import { CancelledError } from './exceptions.ts';
import { current_task, type Task } from './tasks.ts';
import { RuntimeError, TimeoutError } from '../runtime/exceptions.ts';
import { round } from '../runtime/builtins.ts';
import { str } from '../runtime/str.ts';

/** Ports timeouts.py _State, 3.11 (the enum's values). */
export type _State = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/** Ports timeouts.py Timeout, 3.11. */
export class Timeout {
  _state: _State = 'created';
  _timeout_handler: TimerHandle | Handle | null = null;
  _task: Task<unknown> | null = null;
  _when: number | null;
  _cancelling = 0n;

  /** Ports Timeout.__init__, 3.11: `when` None never fires; a past `when` fires next iteration. */
  constructor(when: number | null) {
    this._when = when;
  }

  /** Ports Timeout.when, 3.11. */
  when(): number | null {
    return this._when;
  }

  /** Ports Timeout.reschedule, 3.11. */
  reschedule(when: number | null): void {
    if (this._state !== 'active') {
      if (this._state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when;
    if (this._timeout_handler !== null) this._timeout_handler.cancel();
    if (when === null) {
      this._timeout_handler = null;
    } else {
      const loop = get_running_loop();
      this._timeout_handler = when <= loop.time() ? loop.call_soon(() => this._on_timeout()) : loop.call_at(when, () => this._on_timeout());
    }
  }

  /** Ports Timeout.expired, 3.11. */
  expired(): boolean {
    return this._state === 'expiring' || this._state === 'expired';
  }

  /** Ports Timeout.__repr__, 3.11: `<Timeout [active] when=1.5>`. */
  __repr__(): string {
    const info = [''];
    if (this._state === 'active') info.push(`when=${this._when === null ? 'None' : str(round(this._when, 3n))}`);
    return `<Timeout [${this._state}]${info.join(' ')}>`;
  }

  /** Ports Timeout.__aenter__, 3.11: binds the current task and arms the deadline. */
  __aenter__(): Coroutine<Timeout> {
    return new Coroutine('Timeout.__aenter__', async () => {
      if (this._state !== 'created') throw new RuntimeError('Timeout has already been entered');
      const task = current_task();
      if (task === null) throw new RuntimeError('Timeout should be used inside a task');
      this._state = 'active';
      this._task = task;
      this._cancelling = task.cancelling();
      this.reschedule(this._when);
      return this;
    });
  }

  /**
   * Ports Timeout.__aexit__(et, exc, tb), 3.11: `exc` is what the block raised (null if nothing). Raises
   * TimeoutError (its `__cause__` the CancelledError) when this timeout's own cancellation
   * ended the block; returns None (never suppresses).
   */
  __aexit__(_et: unknown, exc: unknown, _tb?: unknown): Coroutine<null> {
    return new Coroutine('Timeout.__aexit__', async () => {
      // Invariant (asserted by CPython): entered, and not exited yet.
      if (this._timeout_handler !== null) {
        this._timeout_handler.cancel();
        this._timeout_handler = null;
      }
      if (this._state === 'expiring') {
        this._state = 'expired';
        const task = this._task as Task<unknown>;
        if (task.uncancel() <= this._cancelling && exc instanceof CancelledError && exc.constructor === CancelledError) {
          throw Object.assign(new TimeoutError(), { __cause__: exc, __suppress_context__: true });
        }
      } else if (this._state === 'active') {
        this._state = 'finished';
      }
      return null;
    });
  }

  /** Ports Timeout._on_timeout, 3.11: cancels the task inside the block. */
  _on_timeout(): void {
    (this._task as Task<unknown>).cancel();
    this._state = 'expiring';
    this._timeout_handler = null;
  }
}

/** Ports timeouts.py timeout, 3.11: a deadline `delay` seconds from now (one clock read), None for none. */
export function timeout(delay: number | bigint | null): Timeout {
  const loop = get_running_loop();
  return new Timeout(delay === null ? null : loop.time() + Number(delay));
}

/** Ports timeouts.py timeout_at, 3.11: a deadline in the loop's time. */
export function timeout_at(when: number | bigint | null): Timeout {
  return new Timeout(when === null ? null : Number(when));
}
