/**
 * Node's `setTimeout` ordering on a virtual millisecond clock. Ports the JavaScript half of
 * Node 20's timers (lib/internal/timers.js: `Timeout`'s constructor, `insert`,
 * `processTimers`, `listOnTimeout`); the libuv half is a plain `now` number that only the
 * executor moves.
 *
 * Why not @sinonjs/fake-timers: it orders timers by deadline, then creation order, and keeps
 * a 0 ms delay as 0. Node keeps one FIFO list per duration and a priority queue of lists
 * ordered by (expiry, list id); a list that wakes too early takes a *new* id, so among timers
 * with equal deadlines the one whose list was queued last fires last, whatever its creation
 * order (test/native/node_timers.test.ts shows a program where fake-timers and Node disagree,
 * and checks this port against Node's own code).
 *
 * Invariant (Node's): every list in `queue` is `lists.get(list.msecs)`, is not empty, and its
 * `expiry` is at most the deadline of its head timer (it is exactly that unless the list was
 * rescheduled, when it is `max(head deadline, now + 1)`).
 */

/** Node's TIMEOUT_MAX: 2 ** 31 - 1 ms. */
export const TIMEOUT_MAX = 2 ** 31 - 1;

/**
 * The delay `setTimeout(cb, ms)` really uses, in whole ms: Node's `Timeout` constructor turns
 * anything not in [1, TIMEOUT_MAX] (0, negatives, NaN, 0.5) into 1, and `insert` truncates.
 */
export function nodeDelay(ms: number): number {
  let after = ms * 1; // Coalesce to number or NaN, as Node does.
  if (!(after >= 1 && after <= TIMEOUT_MAX)) after = 1;
  return Math.trunc(after);
}

interface Timer {
  readonly callback: () => void;
  /** `_idleStart`: the clock when the timer was inserted. */
  readonly start: number;
}

interface TimersList {
  readonly msecs: number;
  expiry: number;
  id: number;
  /** FIFO: Node appends to a linked list and always peeks its head. */
  readonly timers: Timer[];
}

/** A due timer handed out by {@link NodeTimerQueue.takeDue}. */
export interface DueTimer {
  readonly callback: () => void;
}

export class NodeTimerQueue {
  private readonly lists = new Map<number, TimersList>();
  /** Lists waiting, ordered by (expiry, id): a total order, so a sorted array is enough. */
  private readonly queue: TimersList[] = [];
  private nextListId = 1;

  /** Ports `insert(item, msecs, start)`: `ms` is what the program passed to `setTimeout`. */
  setTimeout(callback: () => void, ms: number, now: number): void {
    const msecs = nodeDelay(ms);
    let list = this.lists.get(msecs);
    if (list === undefined) {
      list = { msecs, expiry: now + msecs, id: this.nextListId++, timers: [] };
      this.lists.set(msecs, list);
      this.enqueue(list);
    }
    list.timers.push({ callback, start: now });
  }

  /** The expiry of the first list: when the libuv timer would next run `processTimers`; null if no timer. */
  nextExpiry(): number | null {
    return this.queue.length === 0 ? null : this.queue[0].expiry;
  }

  /** Timers scheduled and not yet fired. */
  get size(): number {
    let n = 0;
    for (const list of this.lists.values()) n += list.timers.length;
    return n;
  }

  /**
   * One step of `processTimers(now)`: the next timer Node would call at `now`, removed from
   * its list, or null when `processTimers` would return. The caller runs the callback and
   * lets every microtask settle (Node's `runNextTicks()`) before asking again, with the same
   * `now`: Node reads the clock once per `processTimers`.
   */
  takeDue(now: number): DueTimer | null {
    for (;;) {
      const list = this.queue[0];
      if (list === undefined || list.expiry > now) return null;
      const timer = list.timers[0];
      if (timer === undefined) {
        // listOnTimeout: the list ran dry; forget it.
        this.lists.delete(list.msecs);
        this.queue.shift();
        continue;
      }
      if (now - timer.start < list.msecs) {
        // listOnTimeout: "this loop iteration is too early for the next timer": the list
        // goes back in the queue with a new id, i.e. behind lists of the same expiry.
        this.queue.shift();
        list.expiry = Math.max(timer.start + list.msecs, now + 1);
        list.id = this.nextListId++;
        this.enqueue(list);
        continue;
      }
      list.timers.shift();
      return timer;
    }
  }

  private enqueue(list: TimersList): void {
    let i = this.queue.length;
    while (i > 0 && compareLists(this.queue[i - 1], list) > 0) i--;
    this.queue.splice(i, 0, list);
  }
}

/** Ports `compareTimersLists`. */
function compareLists(a: TimersList, b: TimersList): number {
  return a.expiry - b.expiry || a.id - b.id;
}
