/**
 * The native profile's counterparts of issue 9's asyncio API: what a JS developer reaches
 * for when porting `wait_for`, `wait`, `shield`, `as_completed`, futures and the old loop API
 * to plain promises (native/README.md has the table). Emitted code calls them as
 * `rt.asyncio.<name>` (transpile/emit-asyncio-api.ts).
 */
import { CancelledError, InvalidStateError } from '../port/exceptions.ts';
import { TimeoutError } from '../runtime/exceptions.ts';
import { asCallback } from '../runtime/callables.ts';
import { py, PyIterator, PyTuple, type PyValue } from '../runtime/index.ts';
import { nativeSets } from '../runtime/containers.ts';
import { doneCallbacks, exceptionOf, scheduler, sleep, task, type NativeScheduler, type NativeTask } from './runtime.ts';

type Settled = { state: 'pending' } | { state: 'fulfilled'; value: PyValue } | { state: 'rejected'; reason: unknown };

/** Watches a promise so `done()` can answer synchronously (a task keeps its own record). */
function watch(p: Promise<PyValue>): () => Settled {
  let settled: Settled = { state: 'pending' };
  p.then(
    (value) => void (settled = { state: 'fulfilled', value }),
    (reason: unknown) => void (settled = { state: 'rejected', reason }),
  );
  return () => settled;
}

/** `asyncio.wait_for(aw, t)` → `Promise.race([aw, timeout(t)])`: the loser is not cancelled, it runs on. */
export function wait_for(aw: Promise<PyValue>, timeout: PyValue): Promise<PyValue> {
  if (timeout === null) return aw;
  const timer = sleep(timeout).then(() => {
    throw new TimeoutError();
  });
  timer.catch(() => undefined); // the race handles it; a late timer must not reject unhandled
  return Promise.race([aw, timer]);
}

/** `asyncio.shield(aw)` → `aw`: nothing cancels a promise, so there is nothing to shield from. */
export function shield(aw: Promise<PyValue>): Promise<PyValue> {
  return aw;
}

/** `asyncio.ensure_future(aw)` → `task(aw)`. */
export function ensure_future(aw: Promise<PyValue>): NativeTask<PyValue> {
  return task(aw);
}

/**
 * `asyncio.wait(aws, timeout, return_when)` → `Promise.race` (FIRST_*) or `Promise.allSettled`
 * (ALL_COMPLETED), raced against a timeout; then the promises split by whether they settled,
 * into two insertion-ordered sets.
 */
export async function wait(fs: PyValue, timeout?: PyValue, return_when?: PyValue): Promise<PyTuple> {
  const items = [...py.iter(fs)] as Array<Promise<PyValue>>;
  const states = items.map((p) => watch(p));
  const settle = items.map((p) => p.then(() => undefined, () => undefined));
  const all = return_when === 'FIRST_COMPLETED' || return_when === 'FIRST_EXCEPTION' ? Promise.race(settle) : Promise.all(settle);
  await (timeout === undefined || timeout === null ? all : Promise.race([all, sleep(timeout)]));
  const done = items.filter((_p, k) => states[k]().state !== 'pending');
  const pending = items.filter((_p, k) => states[k]().state === 'pending');
  return new PyTuple([nativeSets.set(done as never), nativeSets.set(pending as never)]);
}

/** `asyncio.as_completed(aws)` → the usual promise queue: the k-th promise resolves as the k-th input settles. */
export function as_completed(fs: PyValue): PyIterator {
  const items = [...py.iter(fs)] as Array<Promise<PyValue>>;
  const resolvers: Array<(p: Promise<PyValue>) => void> = [];
  const outs = items.map(() => new Promise<PyValue>((resolve) => resolvers.push((p) => resolve(p))));
  let next = 0;
  for (const p of items) {
    p.then(() => undefined, () => undefined).then(() => resolvers[next++](p));
  }
  return new PyIterator('generator', outs[Symbol.iterator]() as Iterator<PyValue>);
}

/** `asyncio.Future()` / `loop.create_future()` → a deferred: a promise with its resolve and reject kept. */
export class NativeFuture {
  readonly promise: Promise<PyValue>;
  private resolve!: (v: PyValue) => void;
  private reject!: (e: unknown) => void;
  private state: Settled = { state: 'pending' };
  private readonly callbacks: ReturnType<typeof doneCallbacks>;

  constructor() {
    this.promise = new Promise<PyValue>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.promise.catch(() => undefined); // awaited or not, a failed deferred is not an unhandled rejection
    this.callbacks = doneCallbacks(this.promise, () => this);
  }

  set_result(value: PyValue): null {
    if (this.state.state !== 'pending') throw new InvalidStateError('invalid state');
    this.state = { state: 'fulfilled', value };
    this.resolve(value);
    return null;
  }

  set_exception(exc: unknown): null {
    if (this.state.state !== 'pending') throw new InvalidStateError('invalid state');
    this.state = { state: 'rejected', reason: exc };
    this.reject(exc);
    return null;
  }

  done(): boolean {
    return this.state.state !== 'pending';
  }

  /** `fut.cancel()` → what a deferred offers: reject it with a CancelledError (an AbortError's role); False once settled. */
  cancel(): boolean {
    if (this.state.state !== 'pending') return false;
    const error = new CancelledError();
    this.state = { state: 'rejected', reason: error };
    this.reject(error);
    return true;
  }

  cancelled(): boolean {
    return this.state.state === 'rejected' && this.state.reason instanceof CancelledError;
  }

  result(): PyValue {
    if (this.state.state === 'fulfilled') return this.state.value;
    if (this.state.state === 'rejected') throw this.state.reason;
    throw new InvalidStateError('Result is not set.');
  }

  exception(): unknown {
    if (this.cancelled()) throw this.state.state === 'rejected' ? this.state.reason : new InvalidStateError('Exception is not set.');
    return exceptionOf(this.state);
  }

  /** `fut.add_done_callback(cb)` → `promise.then(() => cb(fut), () => cb(fut))`, removable (native/runtime.ts doneCallbacks). */
  add_done_callback(cb: PyValue): null {
    return this.callbacks.add_done_callback(cb);
  }

  /** `fut.remove_done_callback(cb)` → drops the registrations not yet run. */
  remove_done_callback(cb: PyValue): bigint {
    return this.callbacks.remove_done_callback(cb);
  }

  /** `await fut` awaits the deferred's promise. */
  then<R1, R2>(onFulfilled?: (v: PyValue) => R1 | PromiseLike<R1>, onRejected?: (e: unknown) => R2 | PromiseLike<R2>): Promise<R1 | R2> {
    return this.promise.then(onFulfilled, onRejected);
  }
}

/** The run's scheduler when the `loop-callbacks` switch is on (its loop has a ready queue and timers), else null. */
function loopCallbacks(): NativeScheduler | null {
  const active = scheduler();
  return active.switches?.has('loop-callbacks') && active.callSoon && active.callLater ? active : null;
}

/** What `loop.call_soon`/`call_later` return: `cancel()` sets a flag the callback checks (clearTimeout's role). */
class NativeHandle {
  private cancelledFlag = false;
  cancel(): null {
    this.cancelledFlag = true;
    return null;
  }
  cancelled(): boolean {
    return this.cancelledFlag;
  }
  fire(fn: (...a: unknown[]) => unknown, args: unknown[]): void {
    if (!this.cancelledFlag) fn(...args);
  }
}

/**
 * The old loop API as a JS developer ports it: `call_soon` → `queueMicrotask`, `call_later` →
 * `setTimeout`, `run_until_complete(p)` → `await p`, `run_forever()` → a promise that
 * `stop()` resolves, `time()` → `performance.now() / 1000`.
 */
export class NativeLoop {
  private running = false;
  private closed = false;
  private stopper: (() => void) | null = null;

  call_soon(cb: PyValue, ...args: PyValue[]): NativeHandle {
    const handle = new NativeHandle();
    const fn = asCallback(cb);
    const active = loopCallbacks();
    if (active !== null) active.callSoon!(() => handle.fire(fn, args));
    else queueMicrotask(() => handle.fire(fn, args));
    return handle;
  }

  call_later(delay: PyValue, cb: PyValue, ...args: PyValue[]): NativeHandle {
    const handle = new NativeHandle();
    const fn = asCallback(cb);
    const active = loopCallbacks();
    if (active !== null) active.callLater!(() => handle.fire(fn, args), Number(delay));
    else void sleep(delay).then(() => handle.fire(fn, args));
    return handle;
  }

  call_at(when: PyValue, cb: PyValue, ...args: PyValue[]): NativeHandle {
    return this.call_later(Math.max(0, Number(when) - this.time()), cb, ...args);
  }

  time(): number {
    return py.time.monotonic() as number;
  }

  create_task(p: Promise<PyValue>): NativeTask<PyValue> {
    return task(p);
  }

  create_future(): NativeFuture {
    return new NativeFuture();
  }

  async run_until_complete(p: Promise<PyValue>): Promise<PyValue> {
    this.running = true;
    try {
      return await p;
    } finally {
      this.running = false;
    }
  }

  run_forever(): Promise<null> {
    this.running = true;
    return new Promise((resolve) => {
      this.stopper = () => {
        this.running = false;
        resolve(null);
      };
    });
  }

  stop(): null {
    this.stopper?.();
    this.stopper = null;
    return null;
  }

  close(): null {
    this.closed = true;
    return null;
  }

  is_running(): boolean {
    return this.running;
  }

  is_closed(): boolean {
    return this.closed;
  }
}

let theLoop: NativeLoop | null = null;

/** `get_running_loop()`, `get_event_loop()`: one loop object per run (there is one event loop in Node). */
export function get_running_loop(): NativeLoop {
  theLoop ??= new NativeLoop();
  return theLoop;
}

/** `new_event_loop()`: a fresh object over the same Node loop. */
export function new_event_loop(): NativeLoop {
  theLoop = new NativeLoop();
  return theLoop;
}

/** `set_event_loop(loop)`: nothing to do in Node. */
export function set_event_loop(_loop: PyValue): null {
  return null;
}

/** `asyncio.Runner()`: `runner.run(p)` → `await p`. */
export class NativeRunner {
  run(p: Promise<PyValue>): Promise<PyValue> {
    return p;
  }
  close(): null {
    return null;
  }
  __enter__(): NativeRunner {
    return this;
  }
  __exit__(): null {
    return null;
  }
}

/** Forgets the loop object between runs (executeNative). */
export function resetNativeLoop(): void {
  theLoop = null;
}
