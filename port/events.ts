/**
 * Ports asyncio/events.py, 3.11: Handle, TimerHandle, the event loop policy and the
 * running-loop registry.
 *
 * The policy decides which loop `asyncio.run` builds (`events.new_event_loop()`): the
 * harness installs a `VirtualClockPolicy` (port/clock_loops.ts); the default policy builds
 * a real-clock loop, so a transpiled file run on its own sleeps for real like `python3`.
 */
import type { BaseEventLoop } from './base_events.ts';
import { _mutations } from './_mutations.ts';
import { RuntimeError, TypeError } from '../runtime/exceptions.ts';
import { repr } from '../runtime/str.ts';
import { _format_callback_source } from './format_helpers.ts';

/** A loop callback: CPython calls `callback(*args)`. */
export type Callback = (...args: any[]) => unknown;

let handleSequence = 0;

/**
 * Not in CPython: the loop-event hooks `explain` records through (explain/port-events.ts),
 * the port's side of the oracle's event recorder. Null by default: one null check per handle
 * made and run, per task made and per `cancel()`.
 */
export interface LoopEventHooks {
  handleMade(handle: Handle): void;
  handleRunning(handle: Handle): void;
  handleRan(handle: Handle): void;
  taskMade(task: unknown): void;
  cancelCalled(task: unknown): void;
}

/** Not in CPython: where the hooks are installed (`_loopEvents.hooks = ...`). */
export const _loopEvents: { hooks: LoopEventHooks | null } = { hooks: null };

/** Ports events.py Handle, 3.11: an object returned by callback registration methods. */
export class Handle {
  _callback: Callback | null;
  _args: unknown[] | null;
  _cancelled = false;
  readonly _loop: BaseEventLoop;
  /** Not in CPython: creation order, used only by the `fifoTies` test mutation. */
  readonly _seq = handleSequence++;

  constructor(callback: Callback, args: unknown[], loop: BaseEventLoop) {
    this._loop = loop;
    this._callback = callback;
    this._args = args;
    if (_loopEvents.hooks !== null) _loopEvents.hooks.handleMade(this);
  }

  /** Ports events.py Handle.cancel, 3.11. */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      this._callback = null;
      this._args = null;
    }
  }

  /** Ports events.py Handle.cancelled, 3.11. */
  cancelled(): boolean {
    return this._cancelled;
  }

  /**
   * Ports events.py Handle._run, 3.11: an exception escaping the callback goes to the
   * loop's exception handler and the loop carries on. Harness errors (budget, deadlock)
   * never come from a callback, so nothing needs re-raising as SystemExit does in CPython.
   */
  _run(): void {
    try {
      (this._callback as Callback)(...(this._args as unknown[]));
    } catch (exc) {
      const cb = _format_callback_source(this._callback, this._args);
      const msg = `Exception in callback ${cb}`;
      const context = {
        message: msg,
        exception: exc,
        handle: this,
      };
      this._loop.call_exception_handler(context);
    }
  }

  /** Ports events.py Handle._repr_info, 3.11 (no source traceback: debug mode is never on). */
  _repr_info(): string[] {
    const info = [this.constructor.name];
    if (this._cancelled) info.push('cancelled');
    if (this._callback !== null) info.push(_format_callback_source(this._callback, this._args));
    return info;
  }

  /** Ports events.py Handle.__repr__, 3.11: `<Handle cb(1) at /path/prog.py:3>`. */
  __repr__(): string {
    return `<${this._repr_info().join(' ')}>`;
  }
}

/** Ports events.py TimerHandle, 3.11: ordered in the heap by `_when` only (`__lt__`). */
export class TimerHandle extends Handle {
  readonly _when: number;
  _scheduled = false;

  constructor(when: number, callback: Callback, args: unknown[], loop: BaseEventLoop) {
    super(callback, args, loop);
    this._when = when;
  }

  /** Ports events.py TimerHandle._repr_info, 3.11: `when=` after the class name (and `cancelled`). */
  override _repr_info(): string[] {
    const info = super._repr_info();
    const pos = this._cancelled ? 2 : 1;
    info.splice(pos, 0, `when=${repr(this._when)}`);
    return info;
  }

  /** Ports events.py TimerHandle.when, 3.11. */
  when(): number {
    return this._when;
  }

  /** Ports events.py TimerHandle.cancel, 3.11: tells the loop, which counts cancelled timers. */
  override cancel(): void {
    if (!this._cancelled) this._loop._timer_handle_cancelled(this);
    super.cancel();
  }
}

/**
 * Ports events.py TimerHandle.__lt__, 3.11: the only comparison heapq makes. Equal
 * deadlines compare False both ways, so heapq's sift order decides ties (not FIFO).
 */
export function timerLessThan(a: TimerHandle, b: TimerHandle): boolean {
  if (_mutations.fifoTies) return a._when < b._when || (a._when === b._when && a._seq < b._seq);
  return a._when < b._when;
}

// ------------------------------------------------------------------ policies

/** Ports events.py AbstractEventLoopPolicy, 3.11 (the parts asyncio.run uses). */
export abstract class AbstractEventLoopPolicy {
  abstract get_event_loop(): BaseEventLoop;
  abstract set_event_loop(loop: BaseEventLoop | null): void;
  abstract new_event_loop(): BaseEventLoop;
}

/**
 * Ports events.py BaseDefaultEventLoopPolicy, 3.11: one loop per (the only) thread,
 * `new_event_loop()` left to subclasses (`_loop_factory` in CPython).
 */
export abstract class BaseDefaultEventLoopPolicy extends AbstractEventLoopPolicy {
  private _loop: BaseEventLoop | null = null;
  private _set_called = false;

  /** Ports BaseDefaultEventLoopPolicy.get_event_loop, 3.11: creates a loop on first use. */
  get_event_loop(): BaseEventLoop {
    if (this._loop === null && !this._set_called) this.set_event_loop(this.new_event_loop());
    if (this._loop === null) throw new RuntimeError(`There is no current event loop in thread 'MainThread'.`);
    return this._loop;
  }

  /** Ports BaseDefaultEventLoopPolicy.set_event_loop, 3.11. */
  set_event_loop(loop: BaseEventLoop | null): void {
    this._set_called = true;
    this._loop = loop;
  }

}

let _event_loop_policy: AbstractEventLoopPolicy | null = null;
let _default_policy_factory: (() => AbstractEventLoopPolicy) | null = null;

/**
 * Where `DefaultEventLoopPolicy` comes from. CPython's events.py imports it lazily from
 * the platform module (unix_events); port/clock_loops.ts registers its real-clock policy
 * here when it is loaded, which keeps events.ts free of an import cycle.
 */
export function _set_default_policy_factory(factory: () => AbstractEventLoopPolicy): void {
  _default_policy_factory = factory;
}

/** Ports events.py get_event_loop_policy, 3.11. */
export function get_event_loop_policy(): AbstractEventLoopPolicy {
  if (_event_loop_policy === null) {
    if (_default_policy_factory === null) throw new RuntimeError('no default event loop policy registered');
    _event_loop_policy = _default_policy_factory();
  }
  return _event_loop_policy;
}

/** Ports events.py set_event_loop_policy, 3.11: `null` restores the default policy. */
export function set_event_loop_policy(policy: AbstractEventLoopPolicy | null): void {
  if (policy !== null && !(policy instanceof AbstractEventLoopPolicy)) {
    throw new TypeError(
      `policy must be an instance of AbstractEventLoopPolicy or None, not '${(policy as object).constructor.name}'`,
    );
  }
  _event_loop_policy = policy;
}

/** Ports events.py new_event_loop, 3.11. */
export function new_event_loop(): BaseEventLoop {
  return get_event_loop_policy().new_event_loop();
}

/** Ports events.py set_event_loop, 3.11. */
export function set_event_loop(loop: BaseEventLoop | null): void {
  get_event_loop_policy().set_event_loop(loop);
}

/** Ports events.py get_event_loop, 3.11: the running loop, else the policy's. */
export function get_event_loop(): BaseEventLoop {
  return _get_event_loop();
}

/** Ports events.py _get_event_loop, 3.11 (without the DeprecationWarning it may emit). */
export function _get_event_loop(): BaseEventLoop {
  const running = _get_running_loop();
  if (running !== null) return running;
  return get_event_loop_policy().get_event_loop();
}

// ------------------------------------------------------------------ the running loop

let _running_loop: BaseEventLoop | null = null;

/** Ports events.py _get_running_loop, 3.11 (one thread, one process: no pid check). */
export function _get_running_loop(): BaseEventLoop | null {
  return _running_loop;
}

/** Ports events.py _set_running_loop, 3.11. */
export function _set_running_loop(loop: BaseEventLoop | null): void {
  _running_loop = loop;
}

/** Ports events.py get_running_loop, 3.11: `RuntimeError('no running event loop')` outside a loop. */
export function get_running_loop(): BaseEventLoop {
  const loop = _running_loop;
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}
