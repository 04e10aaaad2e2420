/**
 * The names code of the `native` profile calls: the program as a person would port it to
 * plain JavaScript promises (README.md has the mapping table).
 *
 * `sleep` runs on the virtual clock of the current session when `executeNative` has one
 * open, and on Node's real `setTimeout` otherwise, so an emitted file also runs as is under
 * `npx tsx`. Values and prints stay Python's (`runtime/`): only scheduling differs.
 */
import { InvalidStateError } from '../port/exceptions.ts';
import { TypeError } from '../runtime/exceptions.ts';
import { print, py, typeName, type PyValue } from '../runtime/index.ts';
import { asCallback } from '../runtime/callables.ts';
import { nativeSets } from '../runtime/containers.ts';
import { TASK_SWITCHES, type NativeSwitches } from './switches.ts';
import { coroutine, forTask, gatherItem, settleSoon, switchedSleep, switchedTask } from './switched.ts';
import * as nativeAsyncio from './asyncio-api.ts';
import { monotonic } from '../runtime/time.ts';
import { syncFactories } from './sync.ts';

/** Where timers go and how tasks are numbered; one per `executeNative` run. */
export interface NativeScheduler {
  /** Node's `setTimeout(callback, ms)`. */
  setTimeout(callback: () => void, ms: number): void;
  /** The number `get_name()` of the next task shows. */
  nextTaskNumber(): number;
  /** The counterfactual switches of this run (native/switches.ts); absent: none. */
  switches?: NativeSwitches;
  /** With a loop switch on: `call_soon(callback)`, run in the next loop iteration (native/switched.ts). */
  callSoon?(callback: () => void): void;
  /** With a loop switch on: a timer of `delay` Python seconds (the executor picks the deadline arithmetic). */
  callLater?(callback: () => void, delay: number): void;
}

/** `asyncio.run` names main `Task-1`; tasks the program creates count on from 2. */
export const FIRST_TASK_NUMBER = 2;

function realScheduler(): NativeScheduler {
  let taskNumber = FIRST_TASK_NUMBER;
  return {
    setTimeout: (callback, ms) => void setTimeout(callback, ms),
    nextTaskNumber: () => taskNumber++,
  };
}

const standalone = realScheduler();
let current: NativeScheduler | null = null;

/** For the executor only: the scheduler `sleep` and `task` use from now on (null: real timers). */
export function setScheduler(scheduler: NativeScheduler | null): void {
  current = scheduler;
}

export function scheduler(): NativeScheduler {
  return current ?? standalone;
}

/** Python numbers are `number` (float), `bigint` (int) or `boolean`; `setTimeout` wants a number. */
function seconds(delay: PyValue): number {
  if (typeof delay === 'number') return delay;
  if (typeof delay === 'bigint' || typeof delay === 'boolean') return Number(delay);
  // What CPython's `asyncio.sleep` says: its first statement is `if delay <= 0`.
  throw new TypeError(`'<=' not supported between instances of '${typeName(delay)}' and 'int'`);
}

/**
 * `asyncio.sleep(delay, result=None)` ported the usual way:
 * `new Promise((resolve) => setTimeout(resolve, delay * 1000))`. Node turns a delay below
 * 1 ms (0 included) into 1 ms and drops the fraction of the rest: `sleep(0)` is a 1 ms timer,
 * not one loop iteration.
 */
export function sleep<T extends PyValue = null>(delay: PyValue, result?: T): Promise<T | null> {
  const active = current;
  if (active !== null && (active.callLater !== undefined || active.switches?.has('cancel-at-next-await'))) return switchedSleep(active, seconds(delay), result ?? null) as Promise<T | null>;
  const ms = seconds(delay) * 1000;
  return new Promise((resolve) => scheduler().setTimeout(() => resolve(result ?? null), ms));
}

/** What `asyncio.create_task(coro)` becomes: the promise itself, plus the Task methods the program calls. */
export type NativeTask<T> = Promise<T> & TaskMethods<T>;

export interface TaskMethods<T> {
  /** True once the promise settled. */
  done(): boolean;
  /** The value; the rejection reason is thrown; `InvalidStateError('Result is not set.')` while pending. */
  result(): T;
  /** Always false: nothing can cancel a promise. */
  cancelled(): boolean;
  /** Always false (Python's returns True for a pending task): a promise cannot be cancelled, and the body goes on. */
  cancel(): boolean;
  /** `Task-N`, numbered in creation order from 2 (`asyncio.run` calls main `Task-1`). */
  get_name(): string;
  /** The rejection reason, or None once fulfilled; `InvalidStateError('Exception is not set.')` while pending. */
  exception(): unknown;
  /** `promise.then(() => cb(t), () => cb(t))`, kept in a list so that it can be removed before the promise settles. */
  add_done_callback(cb: PyValue): null;
  /** Drops every registration of `cb` not yet run; returns how many. */
  remove_done_callback(cb: PyValue): bigint;
}

/**
 * Done callbacks of a promise as a JS developer keeps removable ones: a list, each run in a
 * `then` once the promise settles (a microtask later, not a loop iteration; at once in a
 * microtask when it has settled already). `subscribe(run)` calls `run` when the promise
 * settles: `then` by default; native/switched.ts's tasks call it just before they wake their
 * awaiters, as CPython schedules done callbacks in registration order, the awaiter's last.
 */
export function doneCallbacks(
  promise: Promise<unknown>,
  self: () => unknown,
  subscribe: (run: () => void) => void = (run) => void promise.then(run, run),
): Pick<TaskMethods<unknown>, 'add_done_callback' | 'remove_done_callback'> {
  const registered: Array<{ fn: (...args: unknown[]) => unknown; cb: PyValue }> = [];
  return {
    add_done_callback: (cb) => {
      const entry = { fn: asCallback(cb) as (...args: unknown[]) => unknown, cb };
      registered.push(entry);
      const run = (): void => {
        const at = registered.indexOf(entry);
        if (at < 0) return;
        registered.splice(at, 1);
        entry.fn(self());
      };
      // Switched (loop-callbacks): CPython schedules done callbacks with call_soon, on the loop's ready queue.
      const active = current;
      subscribe(active?.switches?.has('loop-callbacks') && active.callSoon ? () => active.callSoon!(run) : run);
      return null;
    },
    remove_done_callback: (cb) => {
      const before = registered.length;
      for (let k = registered.length - 1; k >= 0; k--) if (registered[k].cb === cb) registered.splice(k, 1);
      return BigInt(before - registered.length);
    },
  };
}

/** `t.exception()` of a settled record. */
export function exceptionOf<T>(settled: { state: 'pending' } | { state: 'fulfilled'; value: T } | { state: 'rejected'; reason: unknown }): unknown {
  if (settled.state === 'pending') throw new InvalidStateError('Exception is not set.');
  return settled.state === 'rejected' ? settled.reason : null;
}

type Settled<T> = { state: 'pending' } | { state: 'fulfilled'; value: T } | { state: 'rejected'; reason: unknown };

/**
 * `t = asyncio.create_task(f(x))` becomes `t = task(f(x))`. The call `f(x)` has already run
 * `f` up to its first `await`; `task` only watches the promise so `done()`/`result()` have
 * something to answer. Watching it handles its rejection: a failing task never awaited does
 * not crash Node (asyncio only logs it), while a bare `f(x)` whose promise rejects does.
 * The promise is returned unwrapped, so `await t` and `Promise.all([t])` cost no extra ticks.
 */
export function task<T>(promise: Promise<T>): NativeTask<T> {
  const active = current;
  if (active !== null && TASK_SWITCHES.some((name) => active.switches?.has(name))) return switchedTask(active, promise);
  let settled: Settled<T> = { state: 'pending' };
  promise.then(
    (value) => void (settled = { state: 'fulfilled', value }),
    (reason: unknown) => void (settled = { state: 'rejected', reason }),
  );
  const name = `Task-${scheduler().nextTaskNumber()}`;
  const methods: TaskMethods<T> = {
    done: () => settled.state !== 'pending',
    result: () => {
      if (settled.state === 'fulfilled') return settled.value;
      if (settled.state === 'rejected') throw settled.reason;
      throw new InvalidStateError('Result is not set.');
    },
    cancelled: () => false,
    cancel: () => false,
    get_name: () => name,
    exception: () => exceptionOf(settled),
    ...doneCallbacks(promise, () => promise),
  };
  return Object.assign(promise, methods);
}

/** `asyncio.run(main())` becomes `await main()`; `await run(main())` is the same thing, spelled for an emitter. */
export function run<T>(main: Promise<T>): Promise<T> {
  return main;
}

/** Everything emitted code of this profile may name, as one object (`executeNative` passes it). */
export interface NativeRuntime {
  sleep: typeof sleep;
  task: typeof task;
  run: typeof run;
  print: typeof print;
  py: typeof py;
  /** Only code emitted with switches calls these (transpile/dialect-native.ts nativeDialect). */
  coroutine: typeof coroutine;
  forTask: typeof forTask;
  gatherItem: typeof gatherItem;
  settleSoon: typeof settleSoon;
  /** Issue 9's asyncio API as promises (native/asyncio-api.ts). */
  asyncio: typeof nativeAsyncio;
  /** asyncio's Lock, Event, Queue, timeout, TaskGroup... as a JS developer writes them (sync.ts, issue 9). */
  sync: ReturnType<typeof syncFactories>;
}

/** Python values stay Python's, except that a set is a JS `Set`'s insertion order (native/README.md). */
const nativePy: typeof py = Object.freeze({ ...py, ...nativeSets });

const sync = syncFactories((callback, ms) => scheduler().setTimeout(callback, ms), monotonic, (p) => task(p));

export const runtime: NativeRuntime = Object.freeze({ sleep, task, run, print, py: nativePy, coroutine, forTask, gatherItem, settleSoon, asyncio: nativeAsyncio, sync });

/** With `set-hash-order` on, sets are CPython's (the port profile's); otherwise the runtime above. */
export function runtimeFor(switches: NativeSwitches): NativeRuntime {
  return switches.has('set-hash-order') ? Object.freeze({ ...runtime, py }) : runtime;
}
