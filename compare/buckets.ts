/**
 * Sorts differences into named buckets by cause. Each rule is a small readable predicate over
 * the program's facts and both traces; the first rule that matches names the bucket, and a
 * difference no rule explains goes to `unclassified` — it is never dropped.
 */
import type { ClockModel, Program, RunResult, TraceEntry } from '../ir/program.ts';
import type { Bucket } from '../reports/model.ts';
import { MICROPYTHON_BUCKET_RULES } from './buckets-micropython.ts';
import { buildCounterexample } from './counterexample.ts';
import { PYODIDE_BUCKET_RULES } from './buckets-pyodide.ts';
import { labelOf, programFacts, type ProgramFacts } from './program-facts.ts';
import type { Side } from './sides.ts';
import { compareRuns } from './traces.ts';
import { causeInfo } from './causes.ts';
import { SWITCH_NAMES } from '../native/switches.ts';

export interface Finding {
  bucket: string;
  seed: number;
  path: string;
  program: Program;
  originalProgram: Program;
  expected: RunResult;
  actual: RunResult;
  shrinkSteps: number;
  shrinkMillis: number;
  side: Side;
  clock: ClockModel;
  /** The program as the user wrote it (compare FILE.py); generated programs are printed from the IR. */
  source?: string;
  /** How to reproduce it; by default the check command for this seed and path. */
  replay?: string;
}

interface Evidence {
  facts: ProgramFacts;
  expected: TraceEntry[];
  actual: TraceEntry[];
  /** label -> occurrences in actual minus occurrences in expected */
  surplus: Map<string, number>;
  divergence: number;
  expectedRun: RunResult;
  actualRun: RunResult;
}

export interface BucketRule {
  name: string;
  title: string;
  description: string;
  matches(evidence: Evidence): boolean;
}

const ownerOf = (e: Evidence, entry: TraceEntry | undefined) =>
  entry ? e.facts.labelOwner.get(labelOf(entry.text)) : undefined;
const usesAny = (e: Evidence, names: string[]) => names.some((n) => e.facts.asyncioCalls.has(n));

/** The first differing line differs only where `hidden` matches: the same text on both sides once that is masked. */
function differsOnlyIn(e: Evidence, hidden: RegExp): boolean {
  const [got, wanted] = [e.actual[e.divergence], e.expected[e.divergence]];
  return got !== undefined && wanted !== undefined && got.text.replace(hidden, '?') === wanted.text.replace(hidden, '?');
}
/** The other side printed more than CPython, or ended another way: what a block or child that was not cancelled does. */
const ranOnOrEndedOtherwise = (e: Evidence) =>
  [...e.surplus.values()].some((n) => n > 0) || e.actualRun.outcome.kind !== e.expectedRun.outcome.kind ||
  JSON.stringify(e.actualRun.outcome) !== JSON.stringify(e.expectedRun.outcome);
const extraLabels = (e: Evidence) => [...e.surplus].filter(([, n]) => n > 0).map(([label]) => label);
const missingLabels = (e: Evidence) => [...e.surplus].filter(([, n]) => n < 0).map(([label]) => label);

/** In order: the first that matches wins. */
export const BUCKET_RULES: BucketRule[] = [
  {
    name: 'side-crash',
    title: 'The other side crashed',
    description:
      'The program ends cleanly on CPython, but the side under test threw a JavaScript error of its own (not a Python exception): a bug of the port or of the transpiler.',
    matches: (e) => e.actualRun.outcome.kind === 'crash',
  },
  ...MICROPYTHON_BUCKET_RULES,
  ...PYODIDE_BUCKET_RULES,
  {
    name: 'gather-done-child',
    title: 'gather of an already-done task: 2 loop iterations in 3.11, none from 3.12',
    description:
      "When gather() is given a task that is already done, CPython 3.11 still schedules that child's done-callback with call_soon: the gather completes one loop iteration later and wakes its awaiter one more after that. From 3.12 (gh-97696, with the eager task factory) gather counts a done child at once, and awaiting the finished gather does not yield. Two Pythons (or the port at another --python-version) then resume the gathering task 2 iterations apart.",
    matches: (e) => e.facts.usesGather && resumedTwoIterationsApart(e),
  },
  {
    name: 'coroutine-never-awaited-ran',
    title: 'A coroutine that was never awaited ran',
    description:
      'Calling an async def function in Python only makes a coroutine object; nothing runs until it is awaited or wrapped in a task. A JS async function runs at once, up to its first await.',
    matches: (e) => extraLabels(e).some((label) => e.facts.unawaitedCoroutines.has(e.facts.labelOwner.get(label) ?? '')),
  },
  // Issue 9: what the native profile's stand-ins (native/sync.ts) cannot do.
  {
    name: 'timeout-block-not-cancelled',
    title: 'A timeout that cannot cancel its block',
    description:
      "asyncio.timeout() cancels the task inside the `async with` block at the deadline and turns that CancelledError into TimeoutError on the way out. A promise cannot be cancelled: a JS deadline timer can only be checked when the block ends, so the block's later output appears and TimeoutError comes late (or never).",
    matches: (e) => usesAny(e, ['timeout', 'timeout_at']) && ranOnOrEndedOtherwise(e),
  },
  {
    name: 'timeout-state-observed',
    title: "A timeout's state looks different from inside",
    description:
      "The same line prints another expired() (or `when() is None`) of an asyncio.timeout: in CPython a deadline that passed has fired and cancelled the task, even when the block then finished anyway (a wait_for inside it that swallowed the cancellation, 3.11); a JS deadline timer fires only after the synchronous work and its promise jobs, or never once the block has ended and cleared it.",
    // Only a truth value differs (`expired()`, `when() is None`): a measured time or a result is someone else's.
    matches: (e) => usesAny(e, ['timeout', 'timeout_at']) && differsOnlyIn(e, /\b(True|False)\b/g),
  },
  {
    name: 'timeout-error-without-cause',
    title: 'A TimeoutError with no CancelledError behind it',
    description:
      "asyncio raises the TimeoutError of a deadline from the CancelledError that deadline caused (`raise TimeoutError from exc`), so `e.__cause__` is CancelledError(). A promise stand-in cancels nothing and throws a bare TimeoutError: its __cause__ is None.",
    matches: (e) => usesAny(e, ['timeout', 'timeout_at', 'wait_for']) && differsOnlyIn(e, /CancelledError\(\)|None/g),
  },
  {
    name: 'taskgroup-siblings-not-cancelled',
    title: "A TaskGroup child's failure does not cancel its siblings",
    description:
      'When a child of an asyncio.TaskGroup fails, the group cancels the other children (and the body) and raises an ExceptionGroup once all are done. Promise.allSettled waits for every sibling to finish on its own: their output appears, and the group fails later.',
    matches: (e) => usesAny(e, ['TaskGroup']) && ranOnOrEndedOtherwise(e),
  },
  {
    name: 'no-shutdown-cancellation',
    title: 'Output after main returned',
    description:
      'asyncio.run cancels every task still pending when main returns, so their later steps never run. Awaiting main() in JS leaves pending timers and promises running: their output appears after main is done.',
    matches: (e) => extraLabels(e).length > 0 && missingLabels(e).length === 0,
  },
  {
    name: 'missing-asyncio-api',
    title: 'A Task, Future or loop method promises do not have',
    description:
      "The program calls a method of asyncio's Task, Future, loop or Runner that its promise-based stand-in lacks (set_name, exception, add_done_callback on a task, cancel on a future, get_loop...): JS raises AttributeError where CPython goes on.",
    matches: (e) => {
      const got = e.actualRun.outcome;
      return got.kind === 'exception' && got.type === 'AttributeError' && /^'(Promise|NativeFuture|NativeLoop|NativeRunner)' object has no attribute/.test(got.message)
        && !(e.expectedRun.outcome.kind === 'exception' && e.expectedRun.outcome.type === 'AttributeError');
    },
  },
  {
    name: 'timeout-does-not-cancel',
    title: 'A timeout that does not cancel',
    description:
      'asyncio.wait_for (and as_completed/wait with a timeout) cancels or gives up on what did not finish in time, and raises TimeoutError at the deadline. Its promise stand-in (Promise.race against a timer, or no timeout at all) leaves the loser running: its output appears, and what CPython printed after the timeout does not.',
    matches: (e) => e.facts.usesCancellingTimeouts && extraLabels(e).length > 0 && missingLabels(e).length > 0,
  },
  {
    name: 'asyncgen-not-finalized',
    title: "An async generator's cleanup never ran",
    description:
      "CPython's event loop finalizes async generators: one dropped while suspended (a `break` out of `async for`, a local of a function that returned) is closed by `aclose()` in a task of its own, and asyncio.run closes every one still suspended at shutdown (loop.shutdown_asyncgens), so the generator's `finally` runs. A JS async generator abandoned by `for await` or left suspended is closed only by an explicit `return()`: its `finally` never runs.",
    matches: (e) => {
      const missing = missingLabels(e);
      // A label is a print's first word; the owner map is keyed by the whole literal.
      const owners = (label: string) => [...e.facts.labelOwner].filter(([text]) => text === label || text.startsWith(`${label} `)).map(([, fn]) => fn);
      const inAsyncGenerator = (label: string) => owners(label).some((fn) => e.facts.asyncGenerators.has(fn));
      return missing.length > 0 && extraLabels(e).length === 0 && missing.every(inAsyncGenerator);
    },
  },
  {
    name: 'missing-output',
    title: 'Output CPython prints is missing',
    description: 'CPython prints lines the other side never prints (and prints nothing extra).',
    matches: (e) => missingLabels(e).length > 0 && extraLabels(e).length === 0,
  },
  {
    name: 'eager-start',
    title: 'Eager task start',
    description:
      'asyncio.create_task schedules the first step of the task with call_soon: the body starts only when the creator yields to the loop. A JS async function called directly runs its body at once, up to its first await, so the task gets ahead of its creator (and its timers of every timer created after it).',
    matches: (e) => {
      const ahead = e.actual[e.divergence];
      const owner = ownerOf(e, ahead);
      return owner !== undefined && e.facts.runInTasks.has(owner) && laterInExpected(e, ahead);
    },
  },
  {
    name: 'task-state-observed',
    title: 'A task looks different from outside',
    description:
      "The same line prints another value of done(), cancelled() or result(): in JS the task's body has already run (it started eagerly), and a promise cannot be cancelled, so cancel() does nothing.",
    matches: (e) => {
      const got = e.actual[e.divergence];
      const wanted = e.expected[e.divergence];
      return e.facts.usesTaskMethods && got !== undefined && wanted !== undefined && labelOf(got.text) === labelOf(wanted.text);
    },
  },
  {
    name: 'sleep0-vs-microtask',
    title: 'sleep(0) is one loop iteration, not a microtask',
    description:
      'await asyncio.sleep(0) yields exactly one event-loop iteration, behind every callback already scheduled. Its JS stand-in (a resolved promise or a 0 ms timer) resumes at another point relative to other tasks.',
    matches: (e) => e.facts.sleepDelays.includes(0) && sameInstantInExpected(e),
  },
  {
    name: 'wakeup-latency',
    title: 'Wake-up one iteration later',
    description:
      'A task waiting on a future resumes through call_soon, one loop iteration after the future completes; a JS await resumes in the next microtask, before other tasks scheduled in the same iteration.',
    matches: (e) => e.surplus.size === 0 && resumedLaterInExpected(e),
  },
  {
    name: 'timer-tie-order',
    title: 'Timers with equal deadlines',
    description:
      "CPython keeps timers in a binary heap compared only by deadline: equal deadlines come out in heap order, not FIFO (5 equal pushes pop 0, 2, 4, 1, 3). JS timers with equal deadlines fire in creation order.",
    matches: (e) => exactTieInExpected(e),
  },
  {
    name: 'float-deadline',
    title: 'Float deadlines and clock reads',
    description:
      'CPython computes each deadline as loop.time() + delay in floats, and real time passes between clock reads, so 0.1 + 0.2 and 0.3 are different deadlines. Integer-millisecond JS timers make them equal and fall back to FIFO.',
    matches: (e) => nearTieInExpected(e),
  },
  {
    name: 'clock-model',
    title: 'Same output, other virtual times',
    description: 'The same lines in the same order, printed at other virtual times.',
    matches: (e) => e.expected.length === e.actual.length && e.expected.every((entry, i) => entry.text === e.actual[i].text) && e.expected.some((entry, i) => !Object.is(entry.time, e.actual[i].time)),
  },
  {
    name: 'zero-division-message',
    title: 'ZeroDivisionError worded by version',
    description:
      "Both print the same and end in a ZeroDivisionError, worded differently: 3.13 says \"float modulo by zero\" where 3.11 said \"float modulo\", and from 3.14 (gh-119057) every division says \"division by zero\" and a zero base to a negative power \"zero to a negative power\".",
    matches: (e) => {
      const [a, b] = [e.expectedRun.outcome, e.actualRun.outcome];
      return a.kind === 'exception' && b.kind === 'exception' && a.type === 'ZeroDivisionError' && b.type === 'ZeroDivisionError' && a.message !== b.message && compareRuns(e.expectedRun, e.actualRun, { times: false }).outcomeOnly;
    },
  },
  {
    name: 'set-iteration-order',
    title: 'A set printed in another order',
    description:
      "CPython iterates a set in its hash table's slot order (hashes of ints, strs, tuples; probing; resizes); a JS Set iterates in insertion order. The same lines, except that a printed set (or what was built by iterating one) lists its items in another order.",
    matches: (e) => sameLinesButSetOrder(e),
  },
  {
    name: 'unawaited-rejection',
    title: 'An exception from code nobody awaited',
    description:
      "A coroutine that was never awaited, or a task nobody awaited, raised. In Python the coroutine never ran, and a task keeps its exception until someone asks for it (the loop only logs 'Task exception was never retrieved'). A JS async function runs at once when called, and its rejected promise, which nobody handles, ends the program.",
    matches: (e) => {
      const got = e.actualRun.outcome;
      const wanted = e.expectedRun.outcome;
      if (got.kind !== 'exception' || (wanted.kind === 'exception' && wanted.message === got.message)) return false;
      // A generated raise carries its label ('worker1:2', ...): the function that raised.
      const owner = /'(\w+):\d+'/.exec(got.message)?.[1];
      return owner !== undefined && (e.facts.unawaitedCoroutines.has(owner) || e.facts.runInTasks.has(owner));
    },
  },
  {
    name: 'outcome',
    title: 'Ends differently',
    description: 'Both print the same, but the program ends differently (an exception, a deadlock, a budget).',
    matches: (e) => compareRuns(e.expectedRun, e.actualRun, { times: false }).outcomeOnly,
  },
  // Issue 9, last: only when no rule above explains the difference.
  {
    name: 'sync-waiter-order',
    title: 'Waiters of a Lock, Event, Condition, Semaphore or Queue wake at another moment',
    description:
      "asyncio's primitives wake a waiter by completing its Future: the waiter resumes through call_soon, one loop iteration later, and until then it still counts (a Semaphore with a waiter queued is locked()). async-mutex and promise resolvers resume waiters in the next microtask and count them differently, so the order of output around the hand-over changes.",
    matches: (e) => usesAny(e, ['Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier', 'Queue', 'PriorityQueue', 'LifoQueue']),
  },
  // Last: the same lines in another order, with nothing above to explain it.
  {
    name: 'asyncgen-steps-interleave',
    title: "An async generator's steps let other tasks in",
    description:
      "`async for` over an async generator that yields without awaiting runs each step inside the consuming task's step in CPython: no other task runs until the loop awaits something. A JS `for await` resumes after every `next()` through a promise, a microtask turn each, so other tasks' code interleaves with the loop's: the same lines, in another order.",
    matches: (e) => e.facts.asyncGenerators.size > 0 && sameLinesReordered(e) && !ranOnOrEndedOtherwise(e),
  },
  {
    name: 'clock-read-cost',
    title: 'A printed duration differs in its last digits',
    description:
      "CPython's realistic virtual clock advances a microsecond at every read (`time.monotonic()`, `loop.time()`: real time passes between reads), so a measured duration prints as 0.07000100000000009; the other side's clock does not move between reads and prints 0.06999999999999995. The same lines otherwise.",
    matches: (e) => !ranOnOrEndedOtherwise(e) && onlyNearbyFloatsDiffer(e),
  },
];

const FLOAT = /-?\d+\.\d+(?:e-?\d+)?/g;

/** Every line the same but for floats less than a millisecond apart (what clock reads print). */
function onlyNearbyFloatsDiffer(e: Evidence): boolean {
  if (e.expected.length !== e.actual.length) return false;
  let differs = false;
  for (let i = 0; i < e.expected.length; i++) {
    const [wanted, got] = [e.expected[i].text, e.actual[i].text];
    if (wanted === got) continue;
    if (wanted.replace(FLOAT, '?') !== got.replace(FLOAT, '?')) return false;
    const [a, b] = [wanted.match(FLOAT) ?? [], got.match(FLOAT) ?? []];
    if (a.some((x, k) => Math.abs(Number(x) - Number(b[k])) >= 1e-3)) return false;
    differs = true;
  }
  return differs;
}

/** The same printed lines (texts, not just labels), in another order. */
function sameLinesReordered(e: Evidence): boolean {
  const texts = (trace: TraceEntry[]) => trace.map((entry) => entry.text).sort();
  const [a, b] = [texts(e.expected), texts(e.actual)];
  return a.length === b.length && a.every((text, i) => text === b[i]);
}

export const UNCLASSIFIED: Omit<BucketRule, 'matches'> = {
  name: 'unclassified',
  title: 'Unclassified',
  description: 'No rule explains this difference yet: look at the example, then write a rule for it in compare/buckets.ts.',
};

/** Every bucket a difference can land in (what `check --ignore-bucket` accepts). */
export const BUCKET_NAMES: readonly string[] = [...SWITCH_NAMES, ...BUCKET_RULES.map((rule) => rule.name), UNCLASSIFIED.name];

/**
 * CPython printed the entry the other side printed first at (nearly) the same virtual time, but
 * in a later loop iteration: it was resumed through call_soon, an iteration after the wake-up.
 */
function resumedLaterInExpected(e: Evidence): boolean {
  const got = e.actual[e.divergence];
  const wanted = e.expected[e.divergence];
  if (!got || !wanted) return false;
  const twin = e.expected.find((entry, i) => i > e.divergence && entry.text === got.text);
  return twin !== undefined && Math.abs(twin.time - wanted.time) < 1e-4 && twin.iteration > wanted.iteration;
}

/**
 * The first entry on which the traces part (by text or by loop iteration) is printed on one
 * side exactly 2 iterations after the other side printed it: the signature of a gather that
 * counted an already-done child through call_soon (3.11) or at once (3.12+).
 */
function resumedTwoIterationsApart(e: Evidence): boolean {
  const n = Math.min(e.expected.length, e.actual.length);
  let i = 0;
  while (i < n && e.expected[i].text === e.actual[i].text && e.expected[i].iteration === e.actual[i].iteration) i++;
  if (i === n) return false;
  const [wanted, got] = [e.expected[i], e.actual[i]];
  if (wanted.text === got.text) return Math.abs(wanted.iteration - got.iteration) === 2;
  const laterIn = (trace: TraceEntry[], entry: TraceEntry) => trace.find((other, j) => j > i && other.text === entry.text);
  return laterIn(e.actual, wanted)?.iteration === wanted.iteration + 2 || laterIn(e.expected, got)?.iteration === got.iteration + 2;
}

/** The entry the other side printed at the divergence comes later in CPython's trace: it got ahead. */
function laterInExpected(e: Evidence, entry: TraceEntry): boolean {
  return e.expected.some((other, i) => i > e.divergence && other.text === entry.text);
}

/** The expected entry at the divergence and the one the other side printed there happen at the same virtual instant in CPython. */
function instantsAtDivergence(e: Evidence): [number, number] | undefined {
  const got = e.actual[e.divergence];
  const wanted = e.expected[e.divergence];
  if (!got || !wanted) return undefined;
  const twin = e.expected.findIndex((entry, i) => i > e.divergence && entry.text === got.text);
  if (twin < 0) return undefined;
  return [wanted.time, e.expected[twin].time];
}

function sameInstantInExpected(e: Evidence): boolean {
  const times = instantsAtDivergence(e);
  return times !== undefined && Math.abs(times[0] - times[1]) < 1e-3;
}

/** The same number of lines, and each line that differs holds a set's braces and the very same characters in another order. */
function sameLinesButSetOrder(e: Evidence): boolean {
  if (e.expected.length !== e.actual.length) return false;
  const sortedChars = (text: string): string => [...text].sort().join('');
  let differing = 0;
  for (let i = 0; i < e.expected.length; i++) {
    const [a, b] = [e.expected[i].text, e.actual[i].text];
    if (a === b) continue;
    differing++;
    if (!a.includes('{') || sortedChars(a) !== sortedChars(b)) return false;
  }
  const [x, y] = [e.expectedRun.outcome, e.actualRun.outcome];
  const sameEnd = x.kind === y.kind && (x.kind !== 'exception' || (y.kind === 'exception' && x.type === y.type));
  return differing > 0 && sameEnd;
}

function exactTieInExpected(e: Evidence): boolean {
  const times = instantsAtDivergence(e);
  return times !== undefined && times[0] === times[1] && e.facts.sleepDelays.some((d) => d > 0);
}

function nearTieInExpected(e: Evidence): boolean {
  const times = instantsAtDivergence(e);
  return times !== undefined && times[0] !== times[1] && Math.abs(times[0] - times[1]) < 1e-3 && e.facts.sleepDelays.some((d) => d > 0);
}

function surplusOf(expected: TraceEntry[], actual: TraceEntry[]): Map<string, number> {
  const surplus = new Map<string, number>();
  for (const entry of actual) surplus.set(labelOf(entry.text), (surplus.get(labelOf(entry.text)) ?? 0) + 1);
  for (const entry of expected) surplus.set(labelOf(entry.text), (surplus.get(labelOf(entry.text)) ?? 0) - 1);
  for (const [label, n] of surplus) if (n === 0) surplus.delete(label);
  return surplus;
}

/** The name of the bucket a difference falls in. */
export function classify(program: Program, expected: RunResult, actual: RunResult): string {
  const evidence: Evidence = {
    facts: programFacts(program),
    expected: expected.trace,
    actual: actual.trace,
    surplus: surplusOf(expected.trace, actual.trace),
    divergence: compareRuns(expected, actual, { times: false }).divergence,
    expectedRun: expected,
    actualRun: actual,
  };
  return BUCKET_RULES.find((rule) => rule.matches(evidence))?.name ?? UNCLASSIFIED.name;
}

export function ruleNamed(name: string): Omit<BucketRule, 'matches'> {
  const cause = causeInfo(name); // a counterfactual cause (causes.ts)
  if (cause) return { name, ...cause };
  return BUCKET_RULES.find((rule) => rule.name === name) ?? UNCLASSIFIED;
}

/**
 * One bucket per cause, its count, and its smallest example; sorted by count, largest first.
 * `counts` (every difference of each cause, when only some were kept as findings) gives the count.
 */
export async function bucketsFrom(findings: Finding[], counts?: ReadonlyMap<string, number>): Promise<Bucket[]> {
  const byName = new Map<string, Finding[]>();
  for (const finding of findings) byName.set(finding.bucket, [...(byName.get(finding.bucket) ?? []), finding]);
  const buckets: Bucket[] = [];
  for (const [name, members] of byName) {
    const smallest = members.reduce((best, f) => (sizeKey(f) < sizeKey(best) ? f : best));
    const { title, description } = ruleNamed(name);
    buckets.push({ name, title, description, count: counts?.get(name) ?? members.length, example: await buildCounterexample(smallest) });
  }
  return buckets.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function sizeKey(finding: Finding): number {
  return programFacts(finding.program).statementCount * 1000 + finding.expected.trace.length;
}
