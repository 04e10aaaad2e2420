/**
 * Bucket rules for the causes by which MicroPython's asyncio (targets/micropython) differs from
 * CPython's. Each rule matches only a run that MicroPython made (the adapter marks its
 * results, `ranOnMicroPython`), so these names never take a difference of the port or of the
 * native profile, and they come before the generic rules, whose descriptions speak of
 * JavaScript. Each cause's minimal program is in the README ("MicroPython's asyncio against
 * CPython") and in test/targets/micropython.test.ts.
 */
import type { RunResult, TraceEntry } from '../ir/program.ts';
import type { BucketRule } from './buckets.ts';
import { labelOf } from './program-facts.ts';
import { sameText } from './traces.ts';

type Evidence = Parameters<BucketRule['matches']>[0];

/** The property targets/micropython/adapter.ts sets on every RunResult it returns. */
export const MICROPYTHON_MARK = { engine: 'micropython' } as const;

export function ranOnMicroPython(run: RunResult): boolean {
  return (run as RunResult & { engine?: string }).engine === MICROPYTHON_MARK.engine;
}

/** An exception that ended a task other than main, as MicroPython's run records it. */
export interface TaskException {
  type: string;
  message: string;
}

/** The exceptions that ended tasks nobody awaited (adapter.ts keeps them on the result). */
export function taskExceptionsOf(run: RunResult): TaskException[] {
  return (run as RunResult & { taskExceptions?: TaskException[] }).taskExceptions ?? [];
}

/** CPython's name of the main task (asyncio.run creates it first). */
const MAIN_TASK = 'Task-1';

/** Attributes CPython's asyncio has and MicroPython's lacks, as its AttributeError words them. */
const MISSING_API = /^'Task' object has no attribute '\w+'$|^module 'asyncio' has no attribute '\w+'$/;
const lacksApi = (error: TaskException) => error.type === 'AttributeError' && MISSING_API.test(error.message);

/** One millisecond: MicroPython's clock tick. */
const TICK = 1e-3;

function sameTexts(a: TraceEntry[], b: TraceEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => sameText(entry.text, b[i].text));
}

/**
 * The CPython times of the two entries that trade places at the divergence: the one CPython
 * printed there, and the same text as MicroPython printed it there, found later in CPython's trace.
 */
function instantsAtDivergence(e: Evidence): [number, number] | undefined {
  const got = e.actual[e.divergence];
  const wanted = e.expected[e.divergence];
  if (!got || !wanted) return undefined;
  const twin = e.expected.find((entry, i) => i > e.divergence && sameText(entry.text, got.text));
  return twin ? [wanted.time, twin.time] : undefined;
}

export const MICROPYTHON_BUCKET_RULES: BucketRule[] = [
  {
    name: 'micropython-missing-api',
    title: 'MicroPython lacks this asyncio API',
    description:
      "MicroPython's asyncio is a subset: its Task (written in C) has done() and cancel() but no get_name(), result(), cancelled() or add_done_callback(), and the module has no all_tasks(). The program (or the task that calls it) ends in an AttributeError where CPython goes on: it cannot be expressed on MicroPython, so it is named and not compared further.",
    matches: (e) => {
      const outcome = e.actualRun.outcome;
      return ranOnMicroPython(e.actualRun) && ((outcome.kind === 'exception' && lacksApi(outcome)) || taskExceptionsOf(e.actualRun).some(lacksApi));
    },
  },
  {
    name: 'micropython-exception-message',
    title: 'Same exception, worded by MicroPython',
    description:
      'Both print the same and end in the same exception type, but MicroPython words its message differently (ZeroDivisionError says "divide by zero" where CPython says "division by zero" or "float modulo"; many built-in errors carry no message at all).',
    matches: (e) => {
      const [a, b] = [e.expectedRun.outcome, e.actualRun.outcome];
      return ranOnMicroPython(e.actualRun) && a.kind === 'exception' && b.kind === 'exception' && a.type === b.type && a.message !== b.message && sameTexts(e.expected, e.actual);
    },
  },
  {
    name: 'micropython-single-waiter',
    title: "A MicroPython task has one slot for whoever waits on it",
    description:
      "gather() in MicroPython registers itself in the child task's state slot, which also holds the queue of tasks awaiting it: a task gathered twice (gather(t, t)), or gathered while another task awaits it, raises RuntimeError(\"can't gather\"), and awaiting a task a gather holds raises RuntimeError(\"can't wait\"). CPython's tasks take any number of done callbacks and awaiters.",
    matches: (e) => {
      const outcome = e.actualRun.outcome;
      return ranOnMicroPython(e.actualRun) && outcome.kind === 'exception' && outcome.type === 'RuntimeError' && /^can't (gather|wait)$/.test(outcome.message);
    },
  },
  {
    name: 'micropython-sleep-is-not-a-coroutine',
    title: 'asyncio.sleep() is not a coroutine in MicroPython',
    description:
      "MicroPython's asyncio.sleep() returns one shared, reusable generator object (a SingletonGenerator, so that sleeping allocates nothing), not a coroutine: create_task() and gather() refuse it with TypeError(\"coroutine expected\"), where CPython wraps it in a task like any coroutine.",
    matches: (e) => {
      const outcome = e.actualRun.outcome;
      return ranOnMicroPython(e.actualRun) && outcome.kind === 'exception' && outcome.type === 'TypeError' && outcome.message === 'coroutine expected';
    },
  },
  {
    name: 'micropython-run-returns-with-main',
    title: 'asyncio.run returns the moment main returns',
    description:
      "MicroPython's asyncio.run (run_until_complete of the main task) returns as soon as the main task's last step ends: tasks that are ready run no further. CPython's run_until_complete stops through a done callback of the main task, so every callback already ready in that loop iteration still runs (a task created just before main returned prints up to its first await), and asyncio.run then cancels what is left and runs the loop until the cancellations are handled.",
    matches: (e) => {
      if (!ranOnMicroPython(e.actualRun) || e.actual.length >= e.expected.length) return false;
      const missing = e.expected.slice(e.actual.length);
      return sameTexts(e.expected.slice(0, e.actual.length), e.actual) && missing.every((entry) => entry.task !== MAIN_TASK);
    },
  },
  {
    name: 'micropython-gather-wakeup',
    title: 'gather wakes its awaiter at once',
    description:
      "When the last child of a MicroPython gather() finishes, the child's completion callback puts the gathering task straight back on the queue. In CPython the child's done callback is scheduled with call_soon, it completes the gather's outer future, whose own done callback wakes the awaiter with call_soon again: two loop iterations later, behind the tasks made ready in between. So the task that gathered resumes before other tasks ready at the same instant on MicroPython, after them on CPython.",
    matches: (e) => {
      const times = instantsAtDivergence(e);
      return ranOnMicroPython(e.actualRun) && e.facts.usesGather && times !== undefined && times[0] === times[1];
    },
  },
  {
    name: 'micropython-timer-ties',
    title: 'Equal deadlines come out of a pairing heap',
    description:
      "MicroPython keeps every task, ready or sleeping, in one pairing heap keyed by its wake-up tick; CPython keeps timers in a binary heap (heapq) and ready callbacks in a FIFO. Tasks due at the same instant come out of the two heaps in different orders (six equal 0.1 s sleeps wake 0, 1, 4, 5, 3, 2 on CPython, 0 to 5 on MicroPython), and a task MicroPython wakes at an instant joins the same heap as tasks made ready at that instant.",
    matches: (e) => {
      const times = instantsAtDivergence(e);
      return ranOnMicroPython(e.actualRun) && times !== undefined && times[0] === times[1] && e.facts.sleepDelays.some((d) => d > 0);
    },
  },
  {
    name: 'micropython-millisecond-ticks',
    title: 'Deadlines less than a millisecond apart are one tick',
    description:
      "MicroPython's clock is ticks_ms, integer milliseconds, and sleep(t) waits int(t * 1000) ms. Deadlines that CPython keeps apart by less than a millisecond (0.1 + 0.2 against 0.3 in floats; on the realistic clock, the microsecond each clock read costs) are the same tick on MicroPython, where the pairing heap orders them, so tasks that wake in one order on CPython wake in another, and a task due a few microseconds after CPython's main returned still runs its step on MicroPython.",
    matches: (e) => {
      const times = instantsAtDivergence(e);
      if (!ranOnMicroPython(e.actualRun)) return false;
      if (times !== undefined) return times[0] !== times[1] && Math.abs(times[0] - times[1]) < TICK;
      // An extra line: a task due less than a tick after what CPython ran next (or after its end) ran first.
      const extra = e.actual[e.divergence];
      const next = e.expected[e.divergence]?.time ?? e.expectedRun.endTime;
      return extra !== undefined && (e.surplus.get(labelOf(extra.text)) ?? 0) > 0 && Math.abs(extra.time - next) < TICK && extra.time !== next;
    },
  },
  {
    name: 'micropython-value-text',
    title: 'The same line prints another value text',
    description:
      "The line is the same print (same label) but its text differs: MicroPython's Task prints as <Task> (no state, name or coroutine), a str's repr escapes every non-ASCII character ('\\xe9' for 'é'), and other reprs are MicroPython's own.",
    matches: (e) => {
      const [got, wanted] = [e.actual[e.divergence], e.expected[e.divergence]];
      return ranOnMicroPython(e.actualRun) && got !== undefined && wanted !== undefined && labelOf(got.text) === labelOf(wanted.text) && !sameText(got.text, wanted.text);
    },
  },
];

/** What a port in MicroPython's position changes to behave like CPython (teach/lessons.ts shows it beside each cause). */
export const MICROPYTHON_PORTER_FIXES: Record<string, string> = {
  'micropython-missing-api': 'Give Task the rest of its CPython API (get_name(), result(), cancelled(), add_done_callback()) and the module all_tasks(), or declare the feature unsupported so programs using it are not generated.',
  'micropython-exception-message': 'Word built-in exceptions as the CPython version you follow does ("division by zero").',
  'micropython-single-waiter': 'Let a task take any number of done callbacks and awaiters (a list), so gather(t, t) and a gathered task that is also awaited work.',
  'micropython-sleep-is-not-a-coroutine': 'Make asyncio.sleep() return a fresh coroutine (or an awaitable create_task accepts), not one shared generator.',
  'micropython-run-returns-with-main': "Stop run() through a done callback of the main task scheduled like any other (so the current loop iteration completes), then cancel every pending task and run the loop until they are done, as asyncio.run does.",
  'micropython-gather-wakeup': "Complete gather through its children's done callbacks scheduled with call_soon, and wake its awaiter through the outer future's done callback, again with call_soon.",
  'micropython-timer-ties': 'Keep ready tasks in a FIFO apart from the timers, and timers in a binary heap with heapq\'s siftdown/siftup, ordered by deadline only.',
  'micropython-millisecond-ticks': 'Keep deadlines as float seconds from a monotonic clock (loop.time() + delay), not integer milliseconds.',
  'micropython-value-text': "Print values as CPython does: a str's repr keeps printable non-ASCII characters; a Task's repr shows its state, name and coroutine.",
};
