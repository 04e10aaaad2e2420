/**
 * The host the WebLoop runs on, faked: Node's event loop on a virtual clock. Pyodide's
 * WebLoop hands every callback to `scheduleCallback(callback, delayMs)` (pyodide.asm.mjs),
 * which in Node is `delay <= 2 ? setImmediate(callback) : setTimeout(callback, delay)`; its
 * `time()` is `time.monotonic()`, i.e. Emscripten's `clock_time_get` reading
 * `performance.now()`. This module ports that `scheduleCallback` onto a virtual Node loop:
 * timers come out of the native profile's port of Node's timer lists (native/node_timers.ts),
 * immediates out of a FIFO run one batch per check phase (Node's `processImmediate`: those
 * queued while the batch runs wait for the next loop iteration), and libuv's phases alternate
 * timers, check, timers... Nothing sleeps: when no immediate is queued and no timer is due,
 * the clock jumps to the next timer's expiry (libuv's poll would block until then).
 *
 * The clock: `hrMs` is what `performance.now()` returns while Python runs (adapter.ts swaps
 * it in around each callback); `loopMs` is libuv's cached loop time (`uv_now`, whole ms),
 * updated at the start of each iteration, which `setTimeout` uses as the timer's start. Under
 * the `realistic` clock model every read of `performance.now()` costs one quantum (as the
 * CPython oracle's clock reads do); under `ideal` time moves only when the loop waits.
 */
import type { Budget, ClockModel, Outcome } from '../../ir/program.ts';
import { NodeTimerQueue } from '../../native/node_timers.ts';

/** Pyodide's `scheduleCallback`: delays up to this many ms go to `setImmediate` in Node. */
export const IMMEDIATE_MAX_DELAY_MS = 2;

export interface LoopLimits {
  budget: Budget;
  /** Real milliseconds the whole run may take (checked between callbacks); 0: no limit. */
  wallclockMs: number;
}

/** Lets every promise job run (the microtasks Node runs after each callback), then resolves. */
const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class VirtualNodeLoop {
  private readonly timers = new NodeTimerQueue();
  private immediates: Array<() => void> = [];
  /** `performance.now()` in ms. */
  hrMs = 0;
  /** libuv's loop time in whole ms. */
  loopMs = 0;
  /** Callbacks fired so far: the trace's `iteration`. */
  fired = 0;

  constructor(
    private readonly clock: ClockModel,
    private readonly quantumMs: number,
  ) {}

  /** Ports Pyodide's `scheduleCallback(callback, timeout = 0)` for Node (`IN_NODE`). */
  scheduleCallback(callback: () => void, delayMs = 0): void {
    if (delayMs <= IMMEDIATE_MAX_DELAY_MS) this.immediates.push(callback);
    else this.timers.setTimeout(callback, delayMs, this.loopMs);
  }

  /** `performance.now()` as Python reads it: a read costs one quantum under `realistic`. */
  readClock(): number {
    if (this.clock === 'realistic') this.hrMs += this.quantumMs;
    return this.hrMs;
  }

  /** Virtual seconds, read raw (for the trace: reading it never moves it). */
  get seconds(): number {
    return this.hrMs / 1000;
  }

  /**
   * Runs the loop until nothing is scheduled or `stop()` says to stop (checked after each
   * callback and its microtasks). `fire` runs one callback (adapter.ts: with the virtual clock
   * swapped in); it returns an outcome when the run must end there (a fatal error).
   */
  async run(limits: LoopLimits, fire: (callback: () => void) => Outcome | null, stop: () => Outcome | null): Promise<Outcome | null> {
    const started = Date.now();
    const step = async (callback: () => void): Promise<Outcome | null> => {
      if (this.fired >= limits.budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
      if (limits.wallclockMs > 0 && Date.now() - started > limits.wallclockMs) return { kind: 'budget', limit: 'wallclock' };
      this.fired++;
      const fatal = fire(callback);
      if (fatal) return fatal;
      await nextMacrotask();
      return stop();
    };
    await nextMacrotask();
    const early = stop();
    if (early) return early;
    for (;;) {
      // uv__update_time, then the timers phase: one `processTimers(now)`.
      this.loopMs = Math.max(this.loopMs, Math.floor(this.hrMs));
      for (let due = this.timers.takeDue(this.loopMs); due !== null; due = this.timers.takeDue(this.loopMs)) {
        const outcome = await step(due.callback);
        if (outcome) return outcome;
      }
      // The check phase: the immediates queued before it started.
      const batch = this.immediates;
      this.immediates = [];
      for (const callback of batch) {
        const outcome = await step(callback);
        if (outcome) return outcome;
      }
      if (this.immediates.length > 0) continue; // poll does not block
      const expiry = this.timers.nextExpiry();
      if (expiry === null) return null; // nothing left: Node's loop exits
      if (expiry > this.hrMs) {
        if (expiry / 1000 > limits.budget.maxTime) return { kind: 'budget', limit: 'time' };
        this.hrMs = expiry; // poll blocks until the timer is due
      }
    }
  }
}
