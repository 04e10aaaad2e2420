/**
 * The timers and clock of the native executor when a loop switch is on (native/switches.ts
 * LOOP_SWITCHES): a ready queue beside the timers, as in CPython's `_run_once`, and one of
 * three timer stores: Node's own lists (no timer switch), or a heap of deadlines whose ties
 * pop FIFO or in heapq order (`heap-tie-order`), in whole ms as Node computes them or in
 * CPython's float seconds on a clock read as CPython's loop reads it (`float-deadlines`).
 */
import type { ClockModel } from '../ir/program.ts';
import { heappop, heappush } from '../port/heapq.ts';
import { NodeTimerQueue, nodeDelay } from './node_timers.ts';
import type { NativeSwitches } from './switches.ts';

/** What one clock read costs under the oracle's realistic model (oracle/python/worker.py quantum). */
const REALISTIC_QUANTUM = 1e-6;
/** base_events.MAXIMUM_SELECT_TIMEOUT: the longest select() a loop iteration makes. */
const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
/** The oracle pins `_clock_resolution` to 1e-9. */
const CLOCK_RESOLUTION = 1e-9;

export interface LoopClock {
  /** The loop time in seconds, without reading (what a trace entry shows). */
  readonly seconds: number;
  /** One `loop.time()` read (under float-deadlines it may move the clock by a quantum). */
  read(): number;
  /** `select(timeout)` when nothing is ready: on to the next deadline (under float-deadlines, through one clock read, as CPython computes the timeout). */
  advanceTo(when: number): void;
  /** `time.sleep(d)`: the thread is blocked, the clock moves on. */
  block(seconds: number): void;
  /** Whether a timer due at `when` is due now (`_when < end_time` in float seconds, `<= now` in ms). */
  dueLimit(): number;
  readonly floatDeadlines: boolean;
}

interface Entry {
  when: number;
  seq: number;
  callback: () => void;
}

export interface LoopTimers {
  /** A timer `delaySeconds` from now; `ms` is what `setTimeout` was given (by default the seconds times 1000, as runtime.ts sleep computes it). */
  add(callback: () => void, delaySeconds: number, ms?: number): void;
  /** The earliest deadline, in the clock's unit. */
  nextWhen(): number | null;
  /** Takes every timer due by `limit`, in the store's order. */
  takeDue(limit: number): Array<() => void>;
}

/** The clock of a switched run: float seconds (float-deadlines) or Node's whole ms. */
export function loopClock(switches: NativeSwitches, clock: ClockModel | undefined): LoopClock {
  if (switches.has('float-deadlines')) {
    const quantum = clock === 'ideal' ? 0 : REALISTIC_QUANTUM;
    let now = 0;
    return {
      get seconds() {
        return now;
      },
      read: () => (now += quantum),
      // CPython's select(timeout) with timeout = max(0, when - time()): a read, then `now += timeout`
      // (oracle/python/worker.py), whose float sum need not be `when` itself.
      advanceTo(when) {
        // Read first: `now += f()` would add to the `now` from before the read.
        const timeout = Math.min(Math.max(0, when - this.read()), MAXIMUM_SELECT_TIMEOUT);
        now += timeout;
      },
      block: (s) => void (now += s),
      dueLimit() {
        return this.read() + CLOCK_RESOLUTION;
      },
      floatDeadlines: true,
    };
  }
  let ms = 0;
  return {
    get seconds() {
      return ms / 1000;
    },
    read: () => ms,
    advanceTo: (when) => void (ms = Math.max(ms, when)),
    block: (s) => void (ms += s * 1000),
    dueLimit: () => ms,
    floatDeadlines: false,
  };
}

/** The timer store a switched run uses (see the module comment). */
export function loopTimers(switches: NativeSwitches, clock: LoopClock): LoopTimers {
  if (!switches.has('heap-tie-order') && !switches.has('float-deadlines')) {
    const node = new NodeTimerQueue();
    return {
      add: (callback, delay, ms = delay * 1000) => node.setTimeout(callback, ms, clock.read()),
      nextWhen: () => node.nextExpiry(),
      takeDue: (limit) => {
        const due: Array<() => void> = [];
        for (let t = node.takeDue(limit); t !== null; t = node.takeDue(limit)) due.push(t.callback);
        return due;
      },
    };
  }
  const heapOrder = switches.has('heap-tie-order');
  // CPython's TimerHandle compares by deadline alone; FIFO ties need the sequence number too.
  const lt = heapOrder ? (a: Entry, b: Entry) => a.when < b.when : (a: Entry, b: Entry) => a.when < b.when || (a.when === b.when && a.seq < b.seq);
  const heap: Entry[] = [];
  let seq = 0;
  return {
    add: (callback, delay, ms = delay * 1000) => {
      // call_later(d) is call_at(time() + d); Node's ms: the loop time plus the truncated delay.
      // Under float-deadlines a delay Node would raise to 1 ms (0 included) stays 1 ms: sleep(0)'s yield is sleep0-yield's.
      const when = clock.floatDeadlines ? clock.read() + (ms >= 1 ? delay : 0.001) : clock.read() + nodeDelay(ms);
      heappush(heap, { when, seq: seq++, callback }, lt);
    },
    nextWhen: () => (heap.length > 0 ? heap[0].when : null),
    takeDue: (limit) => {
      const due: Array<() => void> = [];
      const strict = clock.floatDeadlines;
      while (heap.length > 0 && (strict ? heap[0].when < limit : heap[0].when <= limit)) due.push(heappop(heap, lt).callback);
      return due;
    },
  };
}
