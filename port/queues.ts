/**
 * Ports asyncio/queues.py, 3.11: Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull.
 *
 * Getters and putters wait on Futures in deques and are woken one at a time by
 * `_wakeup_next`, in the order they came; a woken waiter that was cancelled before it ran
 * passes its turn on. Items are Python values (runtime/); PriorityQueue orders them with
 * Python's `<` through heapq.py's exact sifting (heapq.ts), so equal priorities come out in
 * CPython's order.
 */
import { Coroutine } from './coroutines.ts';
import type { Future } from './futures.ts';
import { heappop, heappush } from './heapq.ts';
import { Event, asyncMethod } from './locks.ts';
import { _LoopBoundMixin } from './mixins.ts';
import { aw } from './tasks.ts';
import { Exception, ValueError, registerExceptionClass } from '../runtime/exceptions.ts';
import { lt } from '../runtime/ops.ts';
import { objectAddress, repr } from '../runtime/str.ts';
import type { PyValue } from '../runtime/values.ts';

/** Ports queues.py QueueEmpty, 3.11: `get_nowait()` on an empty queue. */
export class QueueEmpty extends Exception {}

/** Ports queues.py QueueFull, 3.11: `put_nowait()` on a full queue. */
export class QueueFull extends Exception {}

// The names programs give them (ir/program.ts EXCEPTION_CLASSES), as their reprs spell them.
registerExceptionClass('asyncio.QueueEmpty', QueueEmpty, 'asyncio.queues.QueueEmpty');
registerExceptionClass('asyncio.QueueFull', QueueFull, 'asyncio.queues.QueueFull');

function removeIfPresent<T>(xs: T[], x: T): void {
  // `deque.remove` raising ValueError, caught: the waiter may have been popped already.
  const i = xs.indexOf(x);
  if (i >= 0) xs.splice(i, 1);
}

/** Ports queues.py Queue, 3.11: FIFO; `maxsize <= 0` is unbounded. */
export class Queue extends _LoopBoundMixin {
  readonly _maxsize: number;
  readonly _getters: Future<null>[] = [];
  readonly _putters: Future<null>[] = [];
  _unfinished_tasks = 0;
  readonly _finished = new Event();
  _queue: PyValue[] = [];

  /** Ports Queue.__init__, 3.11. */
  constructor(maxsize: number | bigint = 0) {
    super();
    this._maxsize = Number(maxsize);
    this._finished.set();
    this._init(this._maxsize);
  }

  /** `type(self).__name__`. */
  protected get _className(): string {
    return 'Queue';
  }

  /** Ports Queue._init, 3.11 (overridden by the subclasses). */
  _init(_maxsize: number): void {
    this._queue = [];
  }

  /** Ports Queue._get, 3.11: `popleft()`. */
  _get(): PyValue {
    return this._queue.shift() as PyValue;
  }

  /** Ports Queue._put, 3.11: `append()`. */
  _put(item: PyValue): void {
    this._queue.push(item);
  }

  /** Ports Queue._wakeup_next, 3.11: pops waiters until one that is not done, and wakes it. */
  _wakeup_next(waiters: Future<null>[]): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift() as Future<null>;
      if (!waiter.done()) {
        waiter.set_result(null);
        break;
      }
    }
  }

  /** Ports Queue.__repr__, 3.11. */
  __repr__(): string {
    return `<${this._className} at ${objectAddress(this)} ${this._format()}>`;
  }

  /** Ports Queue.__str__, 3.11: what `print(queue)` shows (no address). */
  __str__(): string {
    return `<${this._className} ${this._format()}>`;
  }

  /** Ports Queue._format, 3.11. */
  _format(): string {
    let result = `maxsize=${this._maxsize}`;
    if (this._queue.length > 0) result += ` _queue=${repr([...this._queue])}`;
    if (this._getters.length > 0) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) result += ` _putters[${this._putters.length}]`;
    if (this._unfinished_tasks) result += ` tasks=${this._unfinished_tasks}`;
    return result;
  }

  /** Ports Queue.qsize, 3.11. */
  qsize(): bigint {
    return BigInt(this._queue.length);
  }

  /** Ports the property Queue.maxsize, 3.11. */
  get maxsize(): bigint {
    return BigInt(this._maxsize);
  }

  /** Ports Queue.empty, 3.11. */
  empty(): boolean {
    return this._queue.length === 0;
  }

  /** Ports Queue.full, 3.11: never with maxsize <= 0. */
  full(): boolean {
    return this._maxsize <= 0 ? false : this._queue.length >= this._maxsize;
  }

  /** Ports Queue.put, 3.11: waits for a free slot (a cancelled putter passes its turn on). */
  put(item: PyValue): Coroutine<null> {
    return asyncMethod('Queue.put', async () => {
      while (this.full()) {
        const putter = this._get_loop().create_future<null>();
        this._putters.push(putter);
        try {
          await aw(putter);
        } catch (exc) {
          putter.cancel(); // just in case putter is not done yet
          removeIfPresent(this._putters, putter);
          // Woken by get_nowait() but unable to take the slot: wake the next in line.
          if (!this.full() && !putter.cancelled()) this._wakeup_next(this._putters);
          throw exc;
        }
      }
      this.put_nowait(item);
      return null;
    });
  }

  /** Ports Queue.put_nowait, 3.11. */
  put_nowait(item: PyValue): void {
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinished_tasks += 1;
    this._finished.clear();
    this._wakeup_next(this._getters);
  }

  /** Ports Queue.get, 3.11: waits for an item (a cancelled getter passes its turn on). */
  get(): Coroutine<PyValue> {
    return asyncMethod('Queue.get', async () => {
      while (this.empty()) {
        const getter = this._get_loop().create_future<null>();
        this._getters.push(getter);
        try {
          await aw(getter);
        } catch (exc) {
          getter.cancel(); // just in case getter is not done yet
          removeIfPresent(this._getters, getter);
          // Woken by put_nowait() but unable to take the item: wake the next in line.
          if (!this.empty() && !getter.cancelled()) this._wakeup_next(this._getters);
          throw exc;
        }
      }
      return this.get_nowait();
    });
  }

  /** Ports Queue.get_nowait, 3.11. */
  get_nowait(): PyValue {
    if (this.empty()) throw new QueueEmpty();
    const item = this._get();
    this._wakeup_next(this._putters);
    return item;
  }

  /** Ports Queue.task_done, 3.11. */
  task_done(): void {
    if (this._unfinished_tasks <= 0) throw new ValueError('task_done() called too many times');
    this._unfinished_tasks -= 1;
    if (this._unfinished_tasks === 0) this._finished.set();
  }

  /** Ports Queue.join, 3.11: waits until every item put has been marked done. */
  join(): Coroutine<null> {
    return asyncMethod('Queue.join', async () => {
      if (this._unfinished_tasks > 0) await aw(this._finished.wait());
      return null;
    });
  }
}

/** Ports queues.py PriorityQueue, 3.11: lowest first, through heapq. */
export class PriorityQueue extends Queue {
  protected override get _className(): string {
    return 'PriorityQueue';
  }

  override _put(item: PyValue): void {
    heappush(this._queue, item, lt);
  }

  override _get(): PyValue {
    return heappop(this._queue, lt);
  }
}

/** Ports queues.py LifoQueue, 3.11: last in, first out. */
export class LifoQueue extends Queue {
  protected override get _className(): string {
    return 'LifoQueue';
  }

  override _get(): PyValue {
    return this._queue.pop() as PyValue;
  }
}
