/**
 * Counterfactual switches of the `native` profile (issue 9 item 4): each turns ONE piece of
 * the plain-promise semantics into CPython's, so that compare/causes.ts can name the cause of
 * a difference after the switch that alone makes the program agree. All off (the default) is
 * the native profile itself, byte for byte: what a JS developer writes and what Node does.
 * native/README.md documents each switch ("Counterfactual switches").
 */

export interface NativeSwitchInfo {
  /** The switch's name, which is also the name of the cause (bucket) it explains. */
  readonly name: string;
  /** One line: the native semantics, and CPython's that the switch puts in its place. */
  readonly title: string;
  readonly description: string;
}

/**
 * Every switch, in the order causes are preferred when several single switches each make a
 * program agree (the most basic difference first).
 */
export const NATIVE_SWITCHES = [
  {
    name: 'lazy-coroutines',
    title: 'A coroutine runs only when awaited',
    description:
      'Calling an async def function only makes a coroutine object; its body runs when it is awaited or wrapped in a task. A JS async function runs at once, up to its first await. Switched: the emitted function returns a thenable that starts its body on the first then().',
  },
  {
    name: 'lazy-task-start',
    title: "create_task's body starts on the next loop turn",
    description:
      "asyncio.create_task (and gather, for a coroutine) schedules the task's first step with call_soon: the body starts only when the creator yields to the loop. Switched: the task's coroutine is created lazily and started from a call_soon-like ready queue, behind everything already scheduled.",
  },
  {
    name: 'next-iteration-wakeups',
    title: 'An await of a finished sleep or task resumes one loop iteration later',
    description:
      "A task waiting on a future resumes through call_soon, in the loop iteration after the future completes; a JS await resumes in the next microtask. Switched: a sleep's timer, and a task's completion, wake their awaiters through the ready queue.",
  },
  {
    name: 'sleep0-yield',
    title: 'sleep(0) is one loop iteration, not a 1 ms timer',
    description:
      'asyncio.sleep(0) yields exactly one event-loop iteration, behind every callback already scheduled; setTimeout(r, 0) is a 1 ms timer, behind every timer already due before it. Switched: sleep(d <= 0) resumes through the ready queue.',
  },
  {
    name: 'shutdown-cancellation',
    title: 'asyncio.run cancels what is left when main returns',
    description:
      'asyncio.run cancels every task still pending when main returns, so their later steps never print. Node keeps firing timers after main settled. Switched: the run ends when main settles.',
  },
  {
    name: 'shutdown-asyncgens',
    title: 'asyncio.run closes the async generators left suspended',
    description:
      "After cancelling what is left, asyncio.run closes every async generator still suspended (loop.shutdown_asyncgens: aclose() each), so its finally runs at the very end. A JS async generator left suspended is never closed: its finally never runs. Switched: the generators' first steps are recorded (the firstiter hook) and those still suspended when the run ends are closed.",
  },
  {
    name: 'heap-tie-order',
    title: "Equal deadlines come out in CPython's heap order",
    description:
      'CPython keeps timers in a binary heap compared only by deadline: equal deadlines pop in heap order (5 equal pushes pop 0, 2, 4, 1, 3), not FIFO. Switched: timers live in a port of heapq compared by deadline alone.',
  },
  {
    name: 'float-deadlines',
    title: "Deadlines are CPython's float seconds, not whole ms",
    description:
      "CPython's deadline is loop.time() + delay in floats, and its clock moves between reads (one quantum a read under the realistic clock), so 0.1 + 0.2 and 0.3 are different deadlines; Node truncates each delay to whole ms on a clock that stands still during synchronous code. Switched: float deadlines on a clock read as CPython's loop reads it (time.monotonic() reads it too, and main's first step follows the first iteration's read).",
  },
  {
    name: 'cancel-at-next-await',
    title: 'Task.cancel() delivers CancelledError at the next await',
    description:
      "Task.cancel() on a pending task returns True and throws CancelledError into it where it waits (or at its next await, or before its first step): its later steps never run and cancelled() becomes True. A promise cannot be cancelled: cancel() returns False and the body goes on. Switched: tasks carry an AbortController-like flag that the task's sleeps obey.",
  },
  {
    name: 'unhandled-rejection-logged',
    title: 'An exception nobody awaits is logged, not fatal',
    description:
      "CPython's loop only logs an exception nobody retrieves ('Task exception was never retrieved') or a callback raised ('Exception in callback ...') and goes on; Node ends the process with the first unhandled rejection (--unhandled-rejections=throw) or uncaught exception (a queueMicrotask or setTimeout callback that throws). Switched: both are ignored.",
  },
  {
    name: 'loop-callbacks',
    title: 'call_soon and done callbacks run in a later loop iteration, not as microtasks',
    description:
      "loop.call_soon appends to the loop's ready queue: the callback runs in the next iteration, behind every callback (task steps included) already scheduled; a Future's or Task's done callbacks are scheduled the same way when it completes (at once when it is already done), and a call_later callback runs in the iteration its timer fires. queueMicrotask and promise.then run them before anything else the loop has. Switched: call_soon and done callbacks go through the ready queue, call_later callbacks run as the loop's timers.",
  },
  {
    name: 'set-hash-order',
    title: "Sets iterate in CPython's hash-table order",
    description:
      "CPython iterates a set in its hash table's slot order; a JS Set iterates in insertion order. Switched: the runtime's port of CPython's set (the port profile's) replaces the insertion-ordered one.",
  },
] as const satisfies readonly NativeSwitchInfo[];

export type NativeSwitch = (typeof NATIVE_SWITCHES)[number]['name'];

/** The switches on for one run; empty: the native profile as it is. */
export type NativeSwitches = ReadonlySet<NativeSwitch>;

export const NO_SWITCHES: NativeSwitches = new Set();

export const SWITCH_NAMES: readonly NativeSwitch[] = NATIVE_SWITCHES.map((s) => s.name);

export function isNativeSwitch(name: string): name is NativeSwitch {
  return (SWITCH_NAMES as readonly string[]).includes(name);
}

/** Switches that change how a program is emitted (the others change only the runtime and the executor). */
export const EMITTING_SWITCHES: readonly NativeSwitch[] = ['lazy-coroutines', 'lazy-task-start', 'next-iteration-wakeups', 'cancel-at-next-await'];

/** Switches that replace Node's timer loop by an asyncio-like loop with a ready queue. */
export const LOOP_SWITCHES: readonly NativeSwitch[] = ['lazy-task-start', 'next-iteration-wakeups', 'sleep0-yield', 'heap-tie-order', 'float-deadlines', 'loop-callbacks'];

/** Switches under which `task()` takes native/switched.ts's path. */
export const TASK_SWITCHES: readonly NativeSwitch[] = ['lazy-coroutines', 'lazy-task-start', 'next-iteration-wakeups', 'cancel-at-next-await'];
