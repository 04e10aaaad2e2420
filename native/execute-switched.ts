/**
 * `executeNative` with counterfactual switches on (native/switches.ts). The plain run
 * (execute.ts) stays as it is; this one differs from it only where a switch says so:
 * - a loop switch (LOOP_SWITCHES) runs an asyncio-like loop: each iteration moves the due
 *   timers to a ready queue and runs exactly the callbacks ready at that point (CPython's
 *   `_run_once`), with every promise job a callback causes run before the next one;
 * - `shutdown-cancellation` ends the run when main has finished, as asyncio.run cancels what
 *   is left: on the asyncio-like loop after the iteration that runs main's done-callback
 *   (scheduled with call_soon when main finishes), on Node's after the current timer callback;
 * - `unhandled-rejection-logged` lets unhandled rejections and callbacks' uncaught exceptions
 *   pass, as CPython's loop only logs them;
 * - `set-hash-order` runs the program with CPython's sets (runtime.ts runtimeFor);
 * - `shutdown-asyncgens` records each async generator's first step (sys.set_asyncgen_hooks'
 *   `firstiter`, as the loop installs it) and, when the run has ended (ok or an exception),
 *   closes those still suspended, as asyncio.run's `shutdown_asyncgens` does after the
 *   shutdown cancellation. Their `finally` runs to its first await of a timer (no timer fires
 *   any more: the limit of closing after the run rather than in a loop).
 */
import type { Outcome, RunResult, TraceEntry } from '../ir/program.ts';
import { resetRandom, setStdout, setVirtualClock } from '../runtime/index.ts';
import { asyncgenHooks, GeneratorExit, type PyAsyncGenerator } from '../runtime/generators.ts';
import { resetNativeLoop } from './asyncio-api.ts';
import { catchingUncaught, exceptionOutcome, nextMacrotask, type NativeOptions, type NativeProgram } from './execute.ts';
import { FIRST_TASK_NUMBER, runtimeFor, setScheduler } from './runtime.ts';
import { loopClock, loopTimers } from './switched-loop.ts';
import { LOOP_SWITCHES, type NativeSwitches } from './switches.ts';

type MainState = { state: 'pending' } | { state: 'fulfilled' } | { state: 'rejected'; reason: unknown };

/** Runs `program` with `switches` (at least one on); the caller holds the session. */
export async function executeSwitched(program: NativeProgram, opts: NativeOptions, switches: NativeSwitches): Promise<RunResult> {
  const { budget } = opts;
  const clock = loopClock(switches, opts.clock);
  const timers = loopTimers(switches, clock);
  const loopMode = LOOP_SWITCHES.some((name) => switches.has(name));
  const ready: Array<() => void> = [];
  const trace: TraceEntry[] = [];
  let iterations = 0;
  let taskNumber = FIRST_TASK_NUMBER;
  let unhandled: { reason: unknown } | null = null;
  let main: MainState = { state: 'pending' };
  const shutdown = switches.has('shutdown-cancellation');
  let stopping = false;

  const onUnhandledRejection = (reason: unknown): void => {
    if (!switches.has('unhandled-rejection-logged')) unhandled ??= { reason };
  };
  const savedListeners = process.rawListeners('unhandledRejection') as Array<(...args: unknown[]) => void>;
  // A callback that throws ends the program as an unhandled rejection does (execute.ts); the switch lets it pass too, as CPython's Handle._run only logs it.
  const uncaught = catchingUncaught(onUnhandledRejection);

  const stopReason = (): Outcome | null => {
    // Under shutdown-cancellation on the asyncio-like loop, main's exception too ends the run only once its done-callback has run.
    if (main.state === 'rejected' && (!shutdown || !loopMode || stopping)) return exceptionOutcome(main.reason);
    if (unhandled !== null) return exceptionOutcome(unhandled.reason);
    return null;
  };
  const finished = (): Outcome => (main.state === 'fulfilled' ? { kind: 'ok' } : { kind: 'deadlock' });

  /** Node's loop (no loop switch): timer callbacks one by one, as execute.ts fires them. */
  const driveNode = async (): Promise<Outcome> => {
    await nextMacrotask();
    for (;;) {
      const stop = stopReason();
      if (stop) return stop;
      if (shutdown && main.state === 'fulfilled') return { kind: 'ok' };
      const expiry = timers.nextWhen();
      if (expiry === null) return finished();
      if (expiry / 1000 > budget.maxTime) return { kind: 'budget', limit: 'time' };
      if (iterations >= budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
      clock.advanceTo(expiry);
      for (const callback of timers.takeDue(clock.dueLimit())) {
        if (iterations >= budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
        iterations++;
        uncaught.run(callback);
        await nextMacrotask();
        const stopped = stopReason();
        if (stopped) return stopped;
        if (shutdown && main.state === 'fulfilled') return { kind: 'ok' };
      }
    }
  };

  /** An asyncio-like loop: due timers join the ready queue, then one snapshot of it runs. */
  const driveLoop = async (): Promise<Outcome> => {
    await nextMacrotask();
    for (;;) {
      const stop = stopReason();
      if (stop) return stop;
      if (stopping) return main.state === 'rejected' ? exceptionOutcome(main.reason) : { kind: 'ok' };
      if (ready.length === 0) {
        const next = timers.nextWhen();
        if (next === null) return finished();
        clock.advanceTo(next);
      }
      if (clock.seconds > budget.maxTime) return { kind: 'budget', limit: 'time' };
      if (iterations >= budget.maxIterations) return { kind: 'budget', limit: 'iterations' };
      iterations++;
      ready.push(...timers.takeDue(clock.dueLimit()));
      const n = ready.length;
      for (let k = 0; k < n; k++) {
        uncaught.run(ready.shift()!);
        await nextMacrotask();
        const stopped = stopReason();
        if (stopped) return stopped;
      }
    }
  };

  const started = new Set<PyAsyncGenerator>();
  const savedHooks = { ...asyncgenHooks };
  try {
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnhandledRejection);
    uncaught.install();
    if (switches.has('shutdown-asyncgens')) asyncgenHooks.firstiter = (agen) => void started.add(agen);
    setScheduler({
      setTimeout: (callback, ms) => timers.add(callback, ms / 1000, ms),
      nextTaskNumber: () => taskNumber++,
      switches,
      ...(loopMode ? { callSoon: (callback: () => void) => void ready.push(callback), callLater: (callback: () => void, delay: number) => timers.add(callback, delay) } : {}),
    });
    resetRandom();
    resetNativeLoop(); // get_running_loop()'s object is per run (native/asyncio-api.ts)
    // time.monotonic() is a clock read: under float-deadlines it costs a quantum, as the oracle's does.
    setVirtualClock({ read: () => (clock.floatDeadlines ? clock.read() : clock.seconds), advance: (seconds) => clock.block(seconds) });
    setStdout((text) => {
      const entry: TraceEntry = { text, time: clock.seconds, task: null, iteration: iterations };
      trace.push(entry);
      opts.onPrint?.(entry);
    });

    const startMain = (): void => {
      let body: Promise<void>;
      try {
        opts.onStart?.();
        body = program(runtimeFor(switches));
      } catch (error) {
        body = Promise.reject(error);
      }
      watchMain(body);
    };
    const watchMain = (body: Promise<void>): void => void body.then(
      () => {
        main = { state: 'fulfilled' };
        // asyncio.run: main's done-callback (call_soon) stops the loop after the iteration it runs in.
        if (shutdown && loopMode) ready.push(() => void (stopping = true));
      },
      (reason: unknown) => {
        main = { state: 'rejected', reason };
        if (shutdown && loopMode) ready.push(() => void (stopping = true));
      },
    );
    // asyncio.run wraps main in a task: on the asyncio-like loop its first step is the first
    // iteration's ready callback, after that iteration's clock read (as CPython's _run_once).
    if (loopMode) ready.push(startMain);
    else startMain();
    const outcome = await (loopMode ? driveLoop() : driveNode());
    if (outcome.kind === 'ok' || outcome.kind === 'exception') await closeSuspended(started);
    return { trace, outcome, endTime: clock.seconds, iterations };
  } finally {
    Object.assign(asyncgenHooks, savedHooks);
    setStdout(null);
    setVirtualClock(null);
    setScheduler(null);
    process.removeListener('unhandledRejection', onUnhandledRejection);
    for (const listener of savedListeners) process.on('unhandledRejection', listener);
    uncaught.restore();
  }
}

/**
 * The `shutdown-asyncgens` switch's end of run: `aclose()` every recorded async generator still
 * suspended (all at once, as shutdown_asyncgens gathers them; its errors only go to the loop's
 * exception handler, so they are dropped), then lets the promise jobs that caused run.
 */
async function closeSuspended(started: ReadonlySet<PyAsyncGenerator>): Promise<void> {
  for (const agen of started) if (!agen.closed) agen.closeWith(new GeneratorExit()).catch(() => undefined);
  await nextMacrotask();
}
