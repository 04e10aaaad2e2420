/**
 * The runtime half of the counterfactual switches (native/switches.ts): what `sleep`, `task`
 * and the coroutines of code emitted with switches do when a switch is on. With every switch
 * off none of this runs: runtime.ts keeps its plain-promise code path.
 *
 * Cancellation (`cancel-at-next-await`) needs to know which task a `sleep` belongs to; plain
 * promises have no current task, so each task body runs inside an AsyncLocalStorage store
 * (Node's own way to follow an async call chain), which the body's sleeps read.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CancelledError, InvalidStateError } from '../port/exceptions.ts';
import type { PyValue } from '../runtime/index.ts';
import { doneCallbacks, exceptionOf, scheduler, type NativeScheduler, type NativeTask, type TaskMethods } from './runtime.ts';

/** One task's cancellation state, shared by its body's sleeps. */
interface TaskRecord {
  cancelRequested: boolean;
  /** The pending sleep's reject, while the task waits in one. */
  waiter: ((error: unknown) => void) | null;
}

const taskContext = new AsyncLocalStorage<TaskRecord>();

const switchesOf = (s: NativeScheduler) => s.switches ?? new Set();

/**
 * A coroutine object under `lazy-coroutines` or `lazy-task-start`: nothing runs until the
 * first `then()` (an await, `Promise.all`, a task starting it).
 */
class LazyCoroutine<T> {
  private started: Promise<T> | null = null;
  constructor(
    private readonly body: () => Promise<T>,
    /** The task this coroutine is the body of (when made for create_task), else the creator's. */
    readonly record: TaskRecord | undefined,
  ) {}

  start(): Promise<T> {
    if (this.started === null) {
      const record = this.record;
      this.started = record !== undefined ? taskContext.run(record, this.body) : this.body();
    }
    return this.started;
  }

  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.start().then(onFulfilled, onRejected);
  }
}

/** Set by `forTask()` just before a create_task's argument is evaluated; taken by the next coroutine made. */
let nextIsTask = false;

/** `create_task(f(x))` is emitted `task((rt.forTask(), f(x)))`: the coroutine made next is a task's body. */
export function forTask(): void {
  nextIsTask = true;
}

/** Which task each eagerly started task body belongs to (cancel-at-next-await without lazy starts). */
const recordOf = new WeakMap<object, TaskRecord>();

/**
 * An `async def`'s call when the program was emitted with switches: `function f(x) { return
 * rt.coroutine(async () => body) }`. Eager (the body runs now, like an async function) unless
 * `lazy-coroutines` is on, or `lazy-task-start` is on and this coroutine is a task's body.
 */
export function coroutine<T>(body: () => Promise<T>): Promise<T> {
  const isTask = nextIsTask;
  nextIsTask = false;
  const switches = switchesOf(scheduler());
  const record: TaskRecord | undefined = isTask ? { cancelRequested: false, waiter: null } : taskContext.getStore();
  if (switches.has('lazy-coroutines') || (isTask && switches.has('lazy-task-start'))) {
    return new LazyCoroutine(body, record) as unknown as Promise<T>;
  }
  if (!isTask || !switches.has('cancel-at-next-await')) return body();
  const promise = taskContext.run(record!, body);
  recordOf.set(promise, record!);
  return promise;
}

/** An item of `gather(...)` under `lazy-task-start`: a coroutine becomes a task (CPython's ensure_future), started on the next loop turn. */
export function gatherItem<T>(item: Promise<T>): Promise<T> {
  nextIsTask = false;
  return item instanceof LazyCoroutine ? switchedTask(scheduler(), item) : item;
}

type Settled<T> = { state: 'pending' } | { state: 'fulfilled'; value: T } | { state: 'rejected'; reason: unknown };

/** `task(promise)` with switches on: a lazy body starts now or on the next loop turn; completion wakes awaiters now or on the next turn. */
export function switchedTask<T>(active: NativeScheduler, promise: Promise<T>): NativeTask<T> {
  const switches = switchesOf(active);
  nextIsTask = false;
  const lazy = promise instanceof LazyCoroutine ? (promise as LazyCoroutine<T>) : null;
  const record: TaskRecord = (lazy?.record ?? recordOf.get(promise)) || { cancelRequested: false, waiter: null };
  let settled: Settled<T> = { state: 'pending' };
  const name = `Task-${active.nextTaskNumber()}`;
  const wake = switches.has('next-iteration-wakeups') && active.callSoon ? active.callSoon : (callback: () => void) => callback();

  let resolveOuter!: (value: T) => void;
  let rejectOuter!: (reason: unknown) => void;
  const outer = new Promise<T>((resolve, reject) => {
    resolveOuter = resolve;
    rejectOuter = reject;
  });
  outer.then(
    () => {},
    () => {}, // a task handles its own rejection, as runtime.ts task() does
  );
  /** Done callbacks waiting for the body to settle: run just before the awaiters are woken (CPython's registration order). */
  const onSettle: Array<() => void> = [];
  const follow = (inner: Promise<T>): void => {
    inner.then(
      (value) => {
        settled = { state: 'fulfilled', value };
        for (const run of onSettle.splice(0)) run();
        wake(() => resolveOuter(value));
      },
      (reason: unknown) => {
        settled = { state: 'rejected', reason };
        for (const run of onSettle.splice(0)) run();
        wake(() => rejectOuter(reason));
      },
    );
  };
  const begin = (): void => {
    if (lazy === null) return follow(promise);
    if (record.cancelRequested) {
      // Cancelled before its first step: CPython throws CancelledError into the coroutine before it runs.
      record.cancelRequested = false;
      return follow(Promise.reject(new CancelledError()));
    }
    follow(lazy.start());
  };
  if (lazy !== null && switches.has('lazy-task-start') && active.callSoon) active.callSoon(begin);
  else begin();

  const methods: TaskMethods<T> = {
    done: () => settled.state !== 'pending',
    result: () => {
      if (settled.state === 'fulfilled') return settled.value;
      if (settled.state === 'rejected') throw settled.reason;
      throw new InvalidStateError('Result is not set.');
    },
    cancelled: () => settled.state === 'rejected' && settled.reason instanceof CancelledError,
    cancel: () => {
      if (!switches.has('cancel-at-next-await')) return false;
      if (settled.state !== 'pending') return false;
      const waiter = record.waiter;
      if (waiter !== null) {
        record.waiter = null;
        waiter(new CancelledError());
      } else record.cancelRequested = true;
      return true;
    },
    get_name: () => name,
    exception: () => exceptionOf(settled),
    ...doneCallbacks(outer, () => outer, (run) => (settled.state === 'pending' ? void onSettle.push(run) : queueMicrotask(run))),
  };
  return Object.assign(outer, methods);
}

/** `sleep(delay)` with switches on. */
export function switchedSleep(active: NativeScheduler, delay: number, result: PyValue): Promise<PyValue> {
  const switches = switchesOf(active);
  const record = switches.has('cancel-at-next-await') ? taskContext.getStore() : undefined;
  return new Promise((resolve, reject) => {
    if (record?.cancelRequested) {
      record.cancelRequested = false;
      reject(new CancelledError());
      return;
    }
    let done = false;
    const settle = (): void => {
      if (done) return;
      done = true;
      if (record) record.waiter = null;
      resolve(result);
    };
    if (record) {
      record.waiter = (error) => {
        if (done) return;
        done = true;
        reject(error);
      };
    }
    const wake = switches.has('next-iteration-wakeups') && active.callSoon ? () => active.callSoon!(settle) : settle;
    if (delay <= 0 && switches.has('sleep0-yield') && active.callSoon) active.callSoon(settle);
    else if (active.callLater) active.callLater(wake, delay);
    else active.setTimeout(wake, delay * 1000);
  });
}

/**
 * `await gather(...)` under `next-iteration-wakeups`: the outcome reaches the awaiter `turns`
 * loop iterations later (gather's done-callback, then the awaiter's wake-up, both call_soon).
 */
export function settleSoon<T>(promise: Promise<T>, turns: number): Promise<T> {
  const active = scheduler();
  const later = (callback: () => void, n: number): void => {
    if (n === 0 || !active.callSoon) callback();
    else active.callSoon(() => later(callback, n - 1));
  };
  return new Promise<T>((resolve, reject) => {
    promise.then(
      (value) => later(() => resolve(value), turns),
      (reason: unknown) => later(() => reject(reason), turns),
    );
  });
}
