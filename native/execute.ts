/**
 * Runs a program of the `native` profile on a virtual clock and records what it prints, the
 * way real Node would run the emitted file: the module body runs (it ends with
 * `await main()`), then Node keeps firing timers until none is left, whether or not main has
 * finished: nothing is cancelled when main's promise settles.
 *
 * Node's order is kept exactly: timers come out of a port of Node's own timer lists
 * (node_timers.ts), and after every timer callback the executor waits for one real macrotask
 * (`setImmediate`), so every promise job the callback caused runs before the next timer, as
 * Node's `runNextTicks()` does between two timers of one `processTimers`, and Node's
 * unhandled-rejection check runs where Node runs it.
 */
import type { Budget, ClockModel, Outcome, RunResult, TraceEntry } from '../ir/program.ts';
import { pythonMessage, pythonTypeName } from '../runtime/exceptions.ts';
import { resetRandom, setStdout, setVirtualClock } from '../runtime/index.ts';
import { NodeTimerQueue } from './node_timers.ts';
import { FIRST_TASK_NUMBER, runtime, setScheduler, type NativeRuntime } from './runtime.ts';
import { NO_SWITCHES, type NativeSwitches } from './switches.ts';
import { executeSwitched } from './execute-switched.ts';
import { resetNativeLoop } from './asyncio-api.ts';

export interface NativeOptions {
  /** `maxIterations` bounds the timer callbacks fired, `maxTime` the virtual seconds. */
  budget: Budget;
  /** Called just before the module body runs (compare/isolated.ts starts its wall clock here). */
  onStart?: () => void;
  /** Called with each trace entry as it is printed (compare/isolated.ts streams them out of its child process). */
  onPrint?: (entry: TraceEntry) => void;
  /**
   * Counterfactual switches (native/switches.ts; compare/causes.ts): each puts one piece of
   * CPython's semantics in place of Node's. Absent or empty: the native profile as it is.
   */
  switches?: NativeSwitches;
  /** The oracle's clock model, which `float-deadlines` follows (one quantum a clock read under `realistic`). */
  clock?: ClockModel;
}

/** The emitted module body: defs, then its statements (`await main()`), whose promise it returns. */
export type NativeProgram = (rt: NativeRuntime) => Promise<void>;

let sessionOpen = false;

/** Lets every promise job run, then Node's unhandled-rejection check; resolves in the next macrotask. */
export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type MainState = { state: 'pending' } | { state: 'fulfilled' } | { state: 'rejected'; reason: unknown };

/**
 * Runs `program` to the end on a fresh virtual clock (0 ms at start). A trace entry's
 * `iteration` is the number of timer callbacks fired before the print, `task` is always
 * null (plain promises have no task). Outcomes: `exception` when main rejects or any promise
 * rejection goes unhandled (Node exits with code 1 at that point, later timers never fire);
 * `deadlock` when main is still pending and no timer is left (Node just exits, nothing left
 * to run, where CPython would block forever); `budget` when more than `maxIterations` timers
 * would fire or the next timer lies past `maxTime`.
 *
 * Sessions must not overlap (it throws if they do). While one runs, `print`'s sink, the
 * runtime's scheduler and the process' `unhandledRejection` listeners belong to it; all
 * three are restored however the run ends. A program caught in an endless chain of promise
 * jobs that never reaches a timer blocks the process, as it would block Node.
 */
export async function executeNative(program: NativeProgram, opts: NativeOptions): Promise<RunResult> {
  if (sessionOpen) throw new Error('executeNative: a native session is already running; the caller must serialise runs');
  const switches = opts.switches ?? NO_SWITCHES;
  if (switches.size > 0) {
    sessionOpen = true;
    try {
      return await executeSwitched(program, opts, switches);
    } finally {
      sessionOpen = false;
    }
  }
  sessionOpen = true;

  const { budget } = opts;
  const timers = new NodeTimerQueue();
  const trace: TraceEntry[] = [];
  let now = 0; // virtual ms: libuv's loop time
  // What `performance.now()` reads: ahead of `now` while a blocking `time.sleep` (a busy-wait)
  // has held the thread past the loop time (runtime/time.ts; the next timer then fires late).
  let clockMs = 0;
  let fired = 0;
  let taskNumber = FIRST_TASK_NUMBER;
  let unhandled: { reason: unknown } | null = null;
  let main: MainState = { state: 'pending' };

  const onUnhandledRejection = (reason: unknown): void => {
    unhandled ??= { reason };
  };
  const savedListeners = process.rawListeners('unhandledRejection') as Array<(...args: unknown[]) => void>;
  // A callback that throws (`queueMicrotask`'s, a timer's: `loop.call_soon(f)` with `f` raising) is an uncaught exception: Node ends the process with it, as with an unhandled rejection.
  const uncaught = catchingUncaught(onUnhandledRejection);

  /** Why the run stops now, if it does (checked after every macrotask). */
  const stopReason = (): Outcome | null => {
    if (main.state === 'rejected') return exceptionOutcome(main.reason);
    if (unhandled !== null) return exceptionOutcome(unhandled.reason);
    return null;
  };

  const drive = async (): Promise<Outcome> => {
    await nextMacrotask();
    for (;;) {
      const stop = stopReason();
      if (stop) return stop;
      const expiry = timers.nextExpiry();
      if (expiry === null) return main.state === 'fulfilled' ? { kind: 'ok' } : { kind: 'deadlock' };
      if (expiry / 1000 > budget.maxTime) return { kind: 'budget', limit: 'time' };
      if (fired >= budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
      now = Math.max(expiry, clockMs);
      clockMs = now;
      // One `processTimers(now)`: `now` stays put while the due timers run.
      for (let due = timers.takeDue(now); due !== null; due = timers.takeDue(now)) {
        if (fired >= budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
        fired++;
        uncaught.run(due.callback);
        await nextMacrotask();
        const stopped = stopReason();
        if (stopped) return stopped;
      }
    }
  };

  try {
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandledRejection);
    uncaught.install();
    setScheduler({
      setTimeout: (callback, ms) => timers.setTimeout(callback, ms, Math.max(now, clockMs)), // Node's getLibuvNow() updates the loop time first
      nextTaskNumber: () => taskNumber++,
    });
    resetRandom();
    resetNativeLoop(); // get_running_loop()'s object is per run (native/asyncio-api.ts)
    setVirtualClock({
      read: () => Math.max(now, clockMs) / 1000,
      advance: (seconds) => void (clockMs = Math.max(now, clockMs) + seconds * 1000),
    });
    setStdout((text) => {
      const entry: TraceEntry = { text, time: now / 1000, task: null, iteration: fired };
      trace.push(entry);
      opts.onPrint?.(entry);
    });

    let body: Promise<void>;
    try {
      opts.onStart?.();
      body = program(runtime);
    } catch (error) {
      body = Promise.reject(error);
    }
    body.then(
      () => void (main = { state: 'fulfilled' }),
      (reason: unknown) => void (main = { state: 'rejected', reason }),
    );
    const outcome = await drive();
    return { trace, outcome, endTime: now / 1000, iterations: fired };
  } finally {
    setStdout(null);
    setVirtualClock(null);
    setScheduler(null);
    process.removeListener('unhandledRejection', onUnhandledRejection);
    for (const listener of savedListeners) process.on('unhandledRejection', listener);
    uncaught.restore();
    sessionOpen = false;
  }
}

/**
 * Node's `uncaughtException` for one session: a callback that throws (a microtask's, a timer
 * callback the executor calls) goes to `report`, as Node would end the process with it. While
 * installed, the process' own `uncaughtException` listeners are set aside (a throw in a
 * `queueMicrotask` callback reaches only these), and `restore()` puts them back.
 */
export function catchingUncaught(report: (reason: unknown) => void): { install(): void; restore(): void; run(callback: () => void): void } {
  const saved = process.rawListeners('uncaughtException') as Array<(...args: unknown[]) => void>;
  const listener = (error: unknown): void => report(error);
  return {
    install: () => {
      process.removeAllListeners('uncaughtException');
      process.on('uncaughtException', listener);
    },
    restore: () => {
      process.removeListener('uncaughtException', listener);
      for (const l of saved) process.on('uncaughtException', l);
    },
    run: (callback) => {
      try {
        callback();
      } catch (error) {
        report(error);
      }
    },
  };
}

export function exceptionOutcome(error: unknown): Outcome {
  return { kind: 'exception', type: pythonTypeName(error), message: pythonMessage(error) };
}
