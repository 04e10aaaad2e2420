/**
 * asyncio's synchronisation primitives, queues, timeouts and TaskGroup as a JavaScript
 * developer ports them (issue 9 item 3; README.md has the mapping): `async-mutex`'s Mutex and
 * Semaphore for Lock and Semaphore, a hand-rolled promise Event, Condition, Barrier and queue
 * (an array plus the resolvers of waiting getters), a deadline timer checked on the way out
 * for `timeout` (a promise cannot be cancelled: the block runs to its end, then TimeoutError),
 * and `Promise.allSettled` for TaskGroup. Each has the Python method names the program calls,
 * and `__aenter__`/`__aexit__` for `async with` (runtime/with.ts). Values stay Python's.
 */
import { Mutex, Semaphore as MutexSemaphore } from 'async-mutex';
import { BrokenBarrierError } from '../port/exceptions.ts';
import { QueueEmpty, QueueFull } from '../port/queues.ts';
import { newExceptionGroup } from '../runtime/exception_groups.ts';
import { BaseException, RuntimeError, TimeoutError, ValueError } from '../runtime/exceptions.ts';
import { py, type PyValue } from '../runtime/index.ts';

const count = (n: PyValue | undefined, fallback: number): number => (n === undefined || n === null ? fallback : Number(n));

/** `asyncio.Lock()` → async-mutex's `Mutex`. */
export class Lock {
  readonly mutex = new Mutex();
  async acquire(): Promise<boolean> {
    await this.mutex.acquire();
    return true;
  }
  release(): null {
    if (!this.mutex.isLocked()) throw new RuntimeError('Lock is not acquired.');
    this.mutex.release();
    return null;
  }
  locked(): boolean {
    return this.mutex.isLocked();
  }
  __aenter__(): Promise<null> {
    return this.acquire().then(() => null);
  }
  async __aexit__(): Promise<null> {
    return this.release();
  }
}

/** `asyncio.Semaphore(n)` → async-mutex's `Semaphore(n)`. */
export class Semaphore {
  readonly sem: MutexSemaphore;
  constructor(value?: PyValue) {
    if (count(value, 1) < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this.sem = new MutexSemaphore(count(value, 1));
  }
  async acquire(): Promise<boolean> {
    await this.sem.acquire();
    return true;
  }
  release(): null {
    this.sem.release();
    return null;
  }
  locked(): boolean {
    return this.sem.isLocked();
  }
  __aenter__(): Promise<null> {
    return this.acquire().then(() => null);
  }
  async __aexit__(): Promise<null> {
    return this.release();
  }
}

/** `asyncio.BoundedSemaphore(n)`: the same, with a check on release. */
export class BoundedSemaphore extends Semaphore {
  readonly bound: number;
  constructor(value?: PyValue) {
    super(value);
    this.bound = count(value, 1);
  }
  override release(): null {
    if (this.sem.getValue() >= this.bound) throw new ValueError('BoundedSemaphore released too many times');
    return super.release();
  }
}

/** `asyncio.Event()` → the usual promise with its resolver kept. */
export class Event {
  private flag = false;
  private waiters: Array<() => void> = [];
  is_set(): boolean {
    return this.flag;
  }
  set(): null {
    this.flag = true;
    for (const wake of this.waiters.splice(0)) wake();
    return null;
  }
  clear(): null {
    this.flag = false;
    return null;
  }
  async wait(): Promise<boolean> {
    if (!this.flag) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }
}

/** `asyncio.Condition()`: a Lock plus a list of resolvers, woken in order. */
export class Condition extends Lock {
  private waiters: Array<() => void> = [];
  constructor(lock?: PyValue) {
    super();
    if (lock instanceof Lock) Object.assign(this, { mutex: lock.mutex });
  }
  async wait(): Promise<boolean> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    this.release();
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    await this.acquire();
    return true;
  }
  async wait_for(predicate: PyValue): Promise<PyValue> {
    const call = (): PyValue => (typeof predicate === 'function' ? (predicate as () => PyValue)() : py.call(predicate, []));
    let result = call();
    while (!py.truthy(result)) {
      await this.wait();
      result = call();
    }
    return result;
  }
  notify(n?: PyValue): null {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    for (const wake of this.waiters.splice(0, count(n, 1))) wake();
    return null;
  }
  notify_all(): null {
    return this.notify(BigInt(this.waiters.length));
  }
}

/** `asyncio.Barrier(n)`: a counter and the resolvers of the tasks waiting for it to fill. */
export class Barrier {
  private waiting: Array<(index: bigint) => void> = [];
  private broken = false;
  constructor(private readonly parties: PyValue) {
    if (count(parties, 1) < 1) throw new ValueError('parties must be > 0');
  }
  async wait(): Promise<bigint> {
    if (this.broken) throw new BrokenBarrierError('Barrier aborted');
    const index = BigInt(this.waiting.length);
    const passed = new Promise<bigint>((resolve) => this.waiting.push(resolve));
    if (this.waiting.length === count(this.parties, 1)) this.waiting.splice(0).forEach((wake, i) => wake(BigInt(i)));
    await passed;
    return index;
  }
  async abort(): Promise<null> {
    this.broken = true;
    return null;
  }
  async reset(): Promise<null> {
    this.broken = false;
    return null;
  }
  __aenter__(): Promise<bigint> {
    return this.wait();
  }
  async __aexit__(): Promise<null> {
    return null;
  }
}

/** `asyncio.Queue(maxsize)`: an array, plus the resolvers of getters and putters waiting. */
export class Queue {
  protected items: PyValue[] = [];
  private getters: Array<() => void> = [];
  private putters: Array<() => void> = [];
  private unfinished = 0;
  private joiners: Array<() => void> = [];
  readonly maxsize: number;
  constructor(maxsize?: PyValue) {
    this.maxsize = count(maxsize, 0);
  }
  protected take(): PyValue {
    return this.items.shift() as PyValue;
  }
  protected add(item: PyValue): void {
    this.items.push(item);
  }
  qsize(): bigint {
    return BigInt(this.items.length);
  }
  empty(): boolean {
    return this.items.length === 0;
  }
  full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }
  put_nowait(item: PyValue): null {
    if (this.full()) throw new QueueFull();
    this.add(item);
    this.unfinished++;
    this.getters.shift()?.();
    return null;
  }
  async put(item: PyValue): Promise<null> {
    while (this.full()) await new Promise<void>((resolve) => this.putters.push(resolve));
    return this.put_nowait(item);
  }
  get_nowait(): PyValue {
    if (this.empty()) throw new QueueEmpty();
    const item = this.take();
    this.putters.shift()?.();
    return item;
  }
  async get(): Promise<PyValue> {
    while (this.empty()) await new Promise<void>((resolve) => this.getters.push(resolve));
    return this.get_nowait();
  }
  task_done(): null {
    if (this.unfinished <= 0) throw new ValueError('task_done() called too many times');
    if (--this.unfinished === 0) for (const wake of this.joiners.splice(0)) wake();
    return null;
  }
  async join(): Promise<null> {
    if (this.unfinished > 0) await new Promise<void>((resolve) => this.joiners.push(resolve));
    return null;
  }
}

/** `asyncio.PriorityQueue()`: the array kept sorted with Python's `<` (a stable insert). */
export class PriorityQueue extends Queue {
  protected override add(item: PyValue): void {
    const at = this.items.findIndex((x) => py.lt(item, x));
    if (at < 0) this.items.push(item);
    else this.items.splice(at, 0, item);
  }
}

/** `asyncio.LifoQueue()`: a stack. */
export class LifoQueue extends Queue {
  protected override take(): PyValue {
    return this.items.pop() as PyValue;
  }
}

/**
 * `async with asyncio.timeout(d):` as a JS developer writes a deadline without cancellation:
 * a timer armed on entry (`setTimeout`, the program's clock), checked on the way out.
 */
export class Timeout {
  private fired = false;
  constructor(
    private deadline: number | null,
    private readonly setTimer: (callback: () => void, ms: number) => void,
    private readonly now: () => number,
  ) {}
  private arm(): void {
    const deadline = this.deadline;
    if (deadline === null) return;
    this.setTimer(() => {
      if (this.deadline === deadline) this.fired = true;
    }, Math.max(0, (deadline - this.now()) * 1000));
  }
  when(): number | null {
    return this.deadline;
  }
  reschedule(when: PyValue): null {
    this.deadline = when === null ? null : Number(when);
    this.arm();
    return null;
  }
  expired(): boolean {
    return this.fired;
  }
  async __aenter__(): Promise<Timeout> {
    this.arm();
    return this;
  }
  async __aexit__(): Promise<null> {
    if (this.fired) throw new TimeoutError();
    return null;
  }
}

/** `async with asyncio.TaskGroup() as tg:` → the tasks collected, `Promise.allSettled` on the way out. */
export class TaskGroup {
  private readonly tasks: Array<Promise<unknown>> = [];
  constructor(private readonly wrap: (p: Promise<PyValue>) => Promise<PyValue>) {}
  create_task(coro: PyValue): PyValue {
    const t = this.wrap(coro as Promise<PyValue>);
    this.tasks.push(t);
    return t;
  }
  async __aenter__(): Promise<TaskGroup> {
    return this;
  }
  async __aexit__(_et: PyValue, exc: PyValue): Promise<null> {
    const settled = await Promise.allSettled(this.tasks);
    const errors = settled.flatMap((r) => (r.status === 'rejected' && r.reason instanceof BaseException ? [r.reason] : []));
    if (exc instanceof BaseException) errors.push(exc);
    if (errors.length > 0) throw newExceptionGroup('unhandled errors in a TaskGroup', errors);
    return null;
  }
}

/** What `asyncio.X(...)` of issue 9 becomes on the native profile (`rt.sync.X(...)`): `setTimer`, `now` and `task` from the native runtime. */
export function syncFactories(setTimer: (callback: () => void, ms: number) => void, now: () => number, wrap: (p: Promise<PyValue>) => Promise<PyValue>) {
  return Object.freeze({
    Lock: () => new Lock(),
    Event: () => new Event(),
    Condition: (lock?: PyValue) => new Condition(lock),
    Semaphore: (value?: PyValue) => new Semaphore(value),
    BoundedSemaphore: (value?: PyValue) => new BoundedSemaphore(value),
    Barrier: (parties: PyValue) => new Barrier(parties),
    Queue: (maxsize?: PyValue) => new Queue(maxsize),
    PriorityQueue: (maxsize?: PyValue) => new PriorityQueue(maxsize),
    LifoQueue: (maxsize?: PyValue) => new LifoQueue(maxsize),
    timeout: (delay: PyValue) => new Timeout(delay === null ? null : now() + Number(delay), setTimer, now),
    timeout_at: (when: PyValue) => new Timeout(when === null ? null : Number(when), setTimer, now),
    TaskGroup: () => new TaskGroup(wrap),
  });
}
