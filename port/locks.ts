/**
 * Ports asyncio/locks.py, 3.11.7: Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier.
 *
 * The order in which waiters wake is the point of porting this file line for line: a waiter
 * is a Future in a deque, woken by `set_result` (its task steps on the next loop iteration,
 * through the Future's `call_soon`ed callback), and a cancelled waiter hands its turn on in
 * its `except CancelledError` clause. `async def` methods are lazy `Coroutine`s (coroutines.ts)
 * and every inner `await` goes through `aw()`, so each runs inline in the awaiting task, as
 * in CPython: no loop iteration is spent unless a Future is pending.
 *
 * Python ints cross the boundary as `bigint` (runtime/), kept as `number` inside.
 * Port limit: the recursion-limit checks CPython makes inside these methods' frames are not
 * counted (tasks.ts counts them for sleep and gather); a program would need to call a lock at
 * the recursion limit to see the difference.
 */
import { Coroutine } from './coroutines.ts';
import { BrokenBarrierError, CancelledError } from './exceptions.ts';
import type { Future } from './futures.ts';
import { _LoopBoundMixin } from './mixins.ts';
import { _mutations } from './_mutations.ts';
import { aw } from './tasks.ts';
import { RuntimeError, ValueError } from '../runtime/exceptions.ts';
import { objectAddress } from '../runtime/str.ts';
import { call as callFunction } from '../runtime/functions.ts';
import { truthy as pyTruthy } from '../runtime/ops.ts';
import type { PyValue } from '../runtime/values.ts';

/** An `async def` method: a lazy coroutine named as CPython names it (`Lock.acquire`). */
export function asyncMethod<R>(qualname: string, body: () => Promise<R>): Coroutine<R> {
  return new Coroutine<R>(qualname, body);
}

/** `collections.deque.remove(x)`: the first occurrence (the waiter is always there). */
function removeFirst<T>(xs: T[], x: T): void {
  const i = xs.indexOf(x);
  if (i >= 0) xs.splice(i, 1);
}

function toCount(value: number | bigint): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** `object.__repr__` of a primitive, without its angle brackets: `asyncio.locks.Lock object at 0x…`. */
function objectReprBody(self: object, name: string): string {
  return `asyncio.locks.${name} object at ${objectAddress(self)}`;
}

/** Ports locks.py _ContextManagerMixin, 3.11: `async with lock:` acquires and releases. */
interface ContextManager {
  acquire(): Coroutine<boolean>;
  release(): void;
}

/** Ports _ContextManagerMixin.__aenter__, 3.11 (`as` gets None). */
export function __aenter__(self: ContextManager): Coroutine<null> {
  return asyncMethod('_ContextManagerMixin.__aenter__', async () => {
    await aw(self.acquire());
    return null;
  });
}

/** Ports _ContextManagerMixin.__aexit__, 3.11. */
export function __aexit__(self: ContextManager): Coroutine<null> {
  return asyncMethod('_ContextManagerMixin.__aexit__', async () => {
    self.release();
    return null;
  });
}

/** Ports locks.py Lock, 3.11.7. */
export class Lock extends _LoopBoundMixin implements ContextManager {
  _waiters: Future<boolean>[] | null = null;
  _locked = false;

  /** Ports _ContextManagerMixin.__aenter__, 3.11 (`async with lock:`). */
  __aenter__(): Coroutine<null> {
    return __aenter__(this);
  }

  /** Ports _ContextManagerMixin.__aexit__(et, exc, tb), 3.11: releases; never suppresses. */
  __aexit__(_et?: unknown, _exc?: unknown, _tb?: unknown): Coroutine<null> {
    return __aexit__(this);
  }

  /** Ports Lock.__repr__, 3.11. */
  __repr__(): string {
    let extra = this._locked ? 'locked' : 'unlocked';
    if (this._waiters !== null && this._waiters.length > 0) extra = `${extra}, waiters:${this._waiters.length}`;
    return `<${objectReprBody(this, 'Lock')} [${extra}]>`;
  }

  /** Ports Lock.locked, 3.11. */
  locked(): boolean {
    return this._locked;
  }

  /** Ports Lock.acquire, 3.11.7: at once when free and no live waiter is queued, else in FIFO turn. */
  acquire(): Coroutine<boolean> {
    return asyncMethod('Lock.acquire', async () => {
      if (!this._locked && (this._waiters === null || this._waiters.every((w) => w.cancelled()) || _mutations.lockBarging)) {
        this._locked = true;
        return true;
      }
      if (this._waiters === null) this._waiters = [];
      const waiters = this._waiters;
      const fut = this._get_loop().create_future<boolean>();
      waiters.push(fut);
      // The finally runs before the CancelledError handling, so that a cancelled waiter does
      // not wake itself up in _wake_up_first.
      try {
        try {
          await aw(fut);
        } finally {
          removeFirst(waiters, fut);
        }
      } catch (exc) {
        if (exc instanceof CancelledError && !this._locked) this._wake_up_first();
        throw exc;
      }
      this._locked = true;
      return true;
    });
  }

  /** Ports Lock.release, 3.11. */
  release(): void {
    if (!this._locked) throw new RuntimeError('Lock is not acquired.');
    this._locked = false;
    this._wake_up_first();
  }

  /** Ports Lock._wake_up_first, 3.11: the first waiter, unless it is done already. */
  _wake_up_first(): void {
    if (this._waiters === null || this._waiters.length === 0) return;
    const fut = this._waiters[0];
    // A done waiter will wake up later and either take the lock or, cancelled and the lock
    // still free, come back here and wake the next one.
    if (!fut.done()) fut.set_result(true);
  }
}

/** Ports locks.py Event, 3.11. */
export class Event extends _LoopBoundMixin {
  _waiters: Future<boolean>[] = [];
  _value = false;

  /** Ports Event.__repr__, 3.11. */
  __repr__(): string {
    let extra = this._value ? 'set' : 'unset';
    if (this._waiters.length > 0) extra = `${extra}, waiters:${this._waiters.length}`;
    return `<${objectReprBody(this, 'Event')} [${extra}]>`;
  }

  /** Ports Event.is_set, 3.11. */
  is_set(): boolean {
    return this._value;
  }

  /** Ports Event.set, 3.11: every waiter not done yet gets its result, in the order they came. */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) if (!fut.done()) fut.set_result(true);
  }

  /** Ports Event.clear, 3.11. */
  clear(): void {
    this._value = false;
  }

  /** Ports Event.wait, 3.11. */
  wait(): Coroutine<boolean> {
    return asyncMethod('Event.wait', async () => {
      if (this._value) return true;
      const fut = this._get_loop().create_future<boolean>();
      this._waiters.push(fut);
      try {
        await aw(fut);
        return true;
      } finally {
        removeFirst(this._waiters, fut);
      }
    });
  }
}

/** Ports locks.py Condition, 3.11. */
export class Condition extends _LoopBoundMixin implements ContextManager {
  readonly _lock: Lock;
  _waiters: Future<boolean>[] = [];

  /** Ports Condition.__init__, 3.11: its own Lock unless given one. */
  constructor(lock: Lock | null = null) {
    super();
    this._lock = lock ?? new Lock();
  }

  /** Ports _ContextManagerMixin.__aenter__, 3.11 (`async with cond:`). */
  __aenter__(): Coroutine<null> {
    return __aenter__(this);
  }

  /** Ports _ContextManagerMixin.__aexit__(et, exc, tb), 3.11. */
  __aexit__(_et?: unknown, _exc?: unknown, _tb?: unknown): Coroutine<null> {
    return __aexit__(this);
  }

  /** Condition.locked is the lock's (`self.locked = lock.locked`). */
  locked(): boolean {
    return this._lock.locked();
  }

  /** Condition.acquire is the lock's. */
  acquire(): Coroutine<boolean> {
    return this._lock.acquire();
  }

  /** Condition.release is the lock's. */
  release(): void {
    this._lock.release();
  }

  /** Ports Condition.__repr__, 3.11. */
  __repr__(): string {
    let extra = this.locked() ? 'locked' : 'unlocked';
    if (this._waiters.length > 0) extra = `${extra}, waiters:${this._waiters.length}`;
    return `<${objectReprBody(this, 'Condition')} [${extra}]>`;
  }

  /** Ports Condition.wait, 3.11: releases, waits to be notified, re-acquires even when cancelled. */
  wait(): Coroutine<boolean> {
    return asyncMethod('Condition.wait', async () => {
      if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
      this.release();
      try {
        const fut = this._get_loop().create_future<boolean>();
        this._waiters.push(fut);
        try {
          await aw(fut);
          return true;
        } finally {
          removeFirst(this._waiters, fut);
        }
      } finally {
        // Must reacquire the lock even if wait is cancelled.
        let cancelled = false;
        for (;;) {
          try {
            await aw(this.acquire());
            break;
          } catch (exc) {
            if (!(exc instanceof CancelledError)) throw exc;
            cancelled = true;
          }
        }
        // eslint-disable-next-line no-unsafe-finally -- as CPython: raise CancelledError from the finally
        if (cancelled) throw new CancelledError();
      }
    });
  }

  /**
   * Ports Condition.wait_for, 3.11: `predicate` is called as Python calls it (a JS function or a
   * program's callable value); its result's Python truth decides.
   */
  wait_for<R>(predicate: (() => R) | PyValue, truthy: (value: R) => boolean = pyTruthy as (value: R) => boolean): Coroutine<R> {
    const call = (): R => (typeof predicate === 'function' ? (predicate as () => R)() : (callFunction(predicate, []) as R));
    return asyncMethod('Condition.wait_for', async () => {
      let result = call();
      while (!truthy(result)) {
        await aw(this.wait());
        result = call();
      }
      return result;
    });
  }

  /** Ports Condition.notify, 3.11: wakes at most `n` waiters not done yet, in order. */
  notify(n: number | bigint = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    const limit = _mutations.notifyWakesAll ? Infinity : toCount(n);
    let idx = 0;
    for (const fut of this._waiters) {
      if (idx >= limit) break;
      if (!fut.done()) {
        idx += 1;
        fut.set_result(false);
      }
    }
  }

  /** Ports Condition.notify_all, 3.11. */
  notify_all(): void {
    this.notify(this._waiters.length);
  }
}

/** Ports locks.py Semaphore, 3.11.7. */
export class Semaphore extends _LoopBoundMixin implements ContextManager {
  _waiters: Future<boolean>[] | null = null;
  _value: number;

  /** Ports Semaphore.__init__, 3.11. */
  constructor(value: number | bigint = 1) {
    super();
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this._value = toCount(value);
  }

  /** The class name `object.__repr__` shows. */
  protected get _className(): string {
    return 'Semaphore';
  }

  /** Ports _ContextManagerMixin.__aenter__, 3.11 (`async with sem:`). */
  __aenter__(): Coroutine<null> {
    return __aenter__(this);
  }

  /** Ports _ContextManagerMixin.__aexit__(et, exc, tb), 3.11. */
  __aexit__(_et?: unknown, _exc?: unknown, _tb?: unknown): Coroutine<null> {
    return __aexit__(this);
  }

  /** Ports Semaphore.__repr__, 3.11. */
  __repr__(): string {
    let extra = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    if (this._waiters !== null && this._waiters.length > 0) extra = `${extra}, waiters:${this._waiters.length}`;
    return `<${objectReprBody(this, this._className)} [${extra}]>`;
  }

  /** Ports Semaphore.locked, 3.11.7: no count left, or a live waiter queued before us. */
  locked(): boolean {
    if (_mutations.semaphoreNoHandoff) return this._value === 0;
    return this._value === 0 || (this._waiters ?? []).some((w) => !w.cancelled());
  }

  /** Ports Semaphore.acquire, 3.11.7. */
  acquire(): Coroutine<boolean> {
    return asyncMethod('Semaphore.acquire', async () => {
      if (!this.locked()) {
        this._value -= 1;
        return true;
      }
      if (this._waiters === null) this._waiters = [];
      const waiters = this._waiters;
      const fut = this._get_loop().create_future<boolean>();
      waiters.push(fut);
      try {
        try {
          await aw(fut);
        } finally {
          removeFirst(waiters, fut);
        }
      } catch (exc) {
        if (exc instanceof CancelledError && !fut.cancelled()) {
          // Woken, then cancelled before it ran: give the count back and pass the turn on.
          if (!_mutations.semaphoreNoHandoff) this._value += 1;
          this._wake_up_next();
        }
        throw exc;
      }
      // Mutation: the woken waiter was handed nothing and competes for a count again.
      if (_mutations.semaphoreNoHandoff) return await aw(this.acquire());
      if (this._value > 0) this._wake_up_next();
      return true;
    });
  }

  /** Ports Semaphore.release, 3.11.7. */
  release(): void {
    this._value += 1;
    this._wake_up_next();
  }

  /** Ports Semaphore._wake_up_next, 3.11.7: the first waiter not done takes one count. */
  _wake_up_next(): void {
    if (this._waiters === null || this._waiters.length === 0) return;
    for (const fut of this._waiters) {
      if (!fut.done()) {
        if (!_mutations.semaphoreNoHandoff) this._value -= 1;
        fut.set_result(true);
        return;
      }
    }
  }
}

/** Ports locks.py BoundedSemaphore, 3.11: releasing above the initial value is an error. */
export class BoundedSemaphore extends Semaphore {
  readonly _bound_value: number;

  constructor(value: number | bigint = 1) {
    super(value);
    this._bound_value = toCount(value);
  }

  protected override get _className(): string {
    return 'BoundedSemaphore';
  }

  /** Ports BoundedSemaphore.release, 3.11. */
  override release(): void {
    if (this._value >= this._bound_value) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}

/** Ports locks.py _BarrierState, 3.11 (the enum's values). */
export type _BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/** Ports locks.py Barrier, 3.11. */
export class Barrier extends _LoopBoundMixin {
  /** Notifies every waiting task when the state changes. */
  readonly _cond = new Condition();
  readonly _parties: number;
  _state: _BarrierState = 'filling';
  /** Tasks in the barrier. */
  _count = 0;

  /** Ports Barrier.__init__, 3.11. */
  constructor(parties: number | bigint) {
    super();
    if (parties < 1) throw new ValueError('parties must be > 0');
    this._parties = toCount(parties);
  }

  /** Ports Barrier.__repr__, 3.11. */
  __repr__(): string {
    let extra = this._state;
    if (!this.broken) extra += `, waiters:${this._count_waiting()}/${this._parties}`;
    return `<${objectReprBody(this, 'Barrier')} [${extra}]>`;
  }

  /** Ports Barrier.__aenter__, 3.11: the index `wait()` returns. */
  __aenter__(): Coroutine<bigint> {
    return asyncMethod('Barrier.__aenter__', () => aw(this.wait()));
  }

  /** Ports Barrier.__aexit__, 3.11. */
  __aexit__(): Coroutine<null> {
    return asyncMethod('Barrier.__aexit__', async () => null);
  }

  /** Ports Barrier.wait, 3.11: blocks until `parties` tasks wait, then returns each its index. */
  wait(): Coroutine<bigint> {
    return asyncMethod('Barrier.wait', async () => {
      await aw(__aenter__(this._cond));
      try {
        await aw(this._block()); // block while the barrier drains or resets
        try {
          const index = this._count;
          this._count += 1;
          if (index + 1 === this._parties) await aw(this._release());
          else await aw(this._wait());
          return BigInt(index);
        } finally {
          this._count -= 1;
          this._exit(); // wake up any tasks waiting for the barrier to drain
        }
      } finally {
        // `async with self._cond`: __aexit__ runs (releases) whether or not the body raised.
        await aw(__aexit__(this._cond));
      }
    });
  }

  /** Ports Barrier._block, 3.11: waits out draining or resetting; raises if broken. */
  _block(): Coroutine<null> {
    return asyncMethod('Barrier._block', async () => {
      await aw(this._cond.wait_for(() => this._state !== 'draining' && this._state !== 'resetting'));
      if (this._state === 'broken') throw new BrokenBarrierError('Barrier aborted');
      return null;
    });
  }

  /** Ports Barrier._release, 3.11: enters draining; later waiters block until it ends. */
  _release(): Coroutine<null> {
    return asyncMethod('Barrier._release', async () => {
      this._state = 'draining';
      this._cond.notify_all();
      return null;
    });
  }

  /** Ports Barrier._wait, 3.11: waits for the filling to end; raises if reset or broken. */
  _wait(): Coroutine<null> {
    return asyncMethod('Barrier._wait', async () => {
      await aw(this._cond.wait_for(() => this._state !== 'filling'));
      if (this._state === 'broken' || this._state === 'resetting') throw new BrokenBarrierError('Abort or reset of barrier');
      return null;
    });
  }

  /** Ports Barrier._exit, 3.11: the last task out lets the barrier fill again. */
  _exit(): void {
    if (this._count === 0) {
      if (this._state === 'resetting' || this._state === 'draining') this._state = 'filling';
      this._cond.notify_all();
    }
  }

  /** Ports Barrier.reset, 3.11: waiting tasks get BrokenBarrierError. */
  reset(): Coroutine<null> {
    return asyncMethod('Barrier.reset', async () => {
      await aw(__aenter__(this._cond));
      try {
        if (this._count > 0) {
          if (this._state !== 'resetting') this._state = 'resetting';
        } else this._state = 'filling';
        this._cond.notify_all();
        return null;
      } finally {
        await aw(__aexit__(this._cond));
      }
    });
  }

  /** Ports Barrier.abort, 3.11: the barrier is broken for waiting and future tasks. */
  abort(): Coroutine<null> {
    return asyncMethod('Barrier.abort', async () => {
      await aw(__aenter__(this._cond));
      try {
        this._state = 'broken';
        this._cond.notify_all();
        return null;
      } finally {
        await aw(__aexit__(this._cond));
      }
    });
  }

  /** Ports the property Barrier.parties, 3.11. */
  get parties(): bigint {
    return BigInt(this._parties);
  }

  /** Ports the property Barrier.n_waiting, 3.11. */
  get n_waiting(): bigint {
    return BigInt(this._count_waiting());
  }

  private _count_waiting(): number {
    return this._state === 'filling' ? this._count : 0;
  }

  /** Ports the property Barrier.broken, 3.11. */
  get broken(): boolean {
    return this._state === 'broken';
  }
}
