/**
 * Test-only switches that turn a faithful behaviour of the port into a plausible
 * simplification. test/port/mutations.test.ts flips each one and shows that some program's
 * trace then differs from CPython's: the suite would catch a port that simplified this way.
 * Never set outside tests; all default to false (the faithful port).
 */
export interface Mutations {
  /** Timer heap breaks `_when` ties by insertion order (FIFO) instead of heapq's sift order. */
  fifoTies: boolean;
  /** `create_task` runs the task's first step at once (JS-style), not via `call_soon`. */
  eagerTaskStart: boolean;
  /** Future done callbacks run synchronously in `set_result`, not via `call_soon`. */
  syncDoneCallbacks: boolean;
  /** `Task.__step` ignores `_must_cancel` (a woken task gets its result, not CancelledError). */
  noMustCancelCheckAtWakeup: boolean;
  /** `_run_once` runs all handles back to back and drains microtasks once per iteration. */
  noMicrotaskDrain: boolean;
  /** `Lock.acquire` takes a free lock at once, ahead of a waiter already woken for it (barging). */
  lockBarging: boolean;
  /** `Condition.notify(n)` wakes every waiter, not the first `n`. */
  notifyWakesAll: boolean;
  /**
   * `Semaphore.release` frees a count for anyone instead of handing it to the first waiter
   * (3.11.7's `_wake_up_next`): a task acquiring before the woken waiter runs takes it, and the
   * waiter, finding none, queues again at the back (3.10's `while self._value <= 0` loop).
   */
  semaphoreNoHandoff: boolean;
  /** `wait_for` raises TimeoutError as soon as it cancels the inner task, without waiting for it to finish. */
  waitForNoInnerRace: boolean;
  /** `as_completed` yields the futures in the order given (awaiting each in turn), not in the order they finish. */
  asCompletedInputOrder: boolean;
  /** `shutdown_asyncgens` leaves suspended async generators alone (their `finally` never runs). */
  noShutdownAsyncgens: boolean;
  /** `await anext(agen())` leaves the temporary generator to `shutdown_asyncgens` (no refcount finalization when the await ends). */
  anextTemporaryKept: boolean;
  /** A TaskGroup child's failure does not cancel its siblings (they run on; `__aexit__` still waits, then raises). */
  taskGroupNoSiblingCancel: boolean;
  /** `Task.cancel()` on the running task raises CancelledError at once, not at the task's next await (`_must_cancel`). */
  cancelDeliveredImmediately: boolean;
  /** `add_done_callback` on a future already done calls the callback at once (JS `then`-like shortcut), not via `call_soon`. */
  doneCallbackAtOnceWhenDone: boolean;
  /** `remove_done_callback` removes the first registration of the callback only (returns 1), not every one. */
  removeFirstDoneCallbackOnly: boolean;
  /** `_run_once` runs the timers that came due before the callbacks already ready (Node's timers phase first), not after them. */
  timersBeforeReady: boolean;
  /** `result()`/`exception()` leave `__log_traceback` set: every failed future is logged "never retrieved", retrieved or not. */
  logTracebackKeptOnRetrieval: boolean;
}

export const _mutations: Mutations = {
  fifoTies: false,
  eagerTaskStart: false,
  syncDoneCallbacks: false,
  noMustCancelCheckAtWakeup: false,
  noMicrotaskDrain: false,
  lockBarging: false,
  notifyWakesAll: false,
  semaphoreNoHandoff: false,
  waitForNoInnerRace: false,
  asCompletedInputOrder: false,
  noShutdownAsyncgens: false,
  anextTemporaryKept: false,
  taskGroupNoSiblingCancel: false,
  cancelDeliveredImmediately: false,
  doneCallbackAtOnceWhenDone: false,
  removeFirstDoneCallbackOnly: false,
  timersBeforeReady: false,
  logTracebackKeptOnRetrieval: false,
};

/** True when any switch is on (then the port tolerates the nesting the switch causes). */
export function anyMutation(): boolean {
  return Object.values(_mutations).some(Boolean);
}

/** Runs `fn` with one switch on, restoring it afterwards (also on rejection). */
export async function withMutation<T>(name: keyof Mutations, fn: () => Promise<T>): Promise<T> {
  const saved = _mutations[name];
  _mutations[name] = true;
  try {
    return await fn();
  } finally {
    _mutations[name] = saved;
  }
}
