/**
 * The counterexamples of a real `check --target native` run as teaching material: one lesson
 * per bucket (cause of difference between CPython and plain JS promises) with the minimal
 * program, both outputs, the cause, the fix a porter applies and a "predict the output"
 * exercise; an index. Written as Markdown, and as HTML rendered from that Markdown by
 * markdown-it with raw HTML off (so a program's text is always escaped).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Bucket, CheckReport } from '../reports/model.ts';
import { describeOutcome } from '../reports/model.ts';
import { makeDirectory } from '../reports/make-directory.ts';
import { MICROPYTHON_PORTER_FIXES } from '../compare/buckets-micropython.ts';

/**
 * The fix a porter applies, per bucket (compare/buckets.ts names). Kept here, not as a field
 * of the bucket rules: compare/ is read-only for teaching, and the texts are for people.
 */
export const PORTER_FIXES: Record<string, string> = {
  'gather-done-child':
    'Target one Python version: `gather` of an already-done task costs two extra loop iterations up to 3.11 and none from 3.12 (gh-97696). Port the `gather` of the version you claim to follow, and say which.',
  'zero-division-message':
    'Copy the ZeroDivisionError messages of the Python version you follow: 3.13 says "float modulo by zero", 3.14 says "division by zero" for every division and modulo.',
  'coroutine-never-awaited-ran':
    'Do not start work when an async function is called: return a lazy coroutine object (a thunk) that runs only when awaited or passed to create_task, so a call that is never awaited prints nothing.',
  'no-shutdown-cancellation':
    'Make `run(main)` cancel every task still pending when main returns and run them until they finish (as asyncio.run does), instead of letting pending timers and promises run on after main.',
  'eager-start':
    "Schedule a new task's first step on the loop's ready queue (call_soon) instead of calling the async function at once; the creator keeps running until it awaits.",
  'missing-output': 'Find the step the port never runs: usually a task dropped before its first step, or a callback never scheduled.',
  'task-state-observed':
    'Give tasks real state: done(), cancelled() and result() must reflect the loop, and cancel() must throw CancelledError into the task at its current await.',
  'sleep0-vs-microtask': 'Implement sleep(0) as one trip through the ready queue (a bare yield to the loop), not as a resolved promise or a 0 ms timer.',
  'wakeup-latency': "Resume a task waiting on a future through the loop's ready queue (call_soon from the future's done callback), not in the next microtask.",
  'timer-tie-order': "Keep timers in a binary heap ordered only by deadline, with CPython's heapq siftdown/siftup, so equal deadlines pop in the same order.",
  'float-deadline': 'Compute deadlines as loop.time() + delay in floating point seconds, with the clock advancing between reads, not as integer milliseconds.',
  'clock-model': 'Nothing to fix in the order: only the virtual times differ (the two sides use different clock models).',
  'webloop-leftover-tasks':
    'On the WebLoop, end the program as asyncio.run would: before the top-level await returns, cancel the tasks main left behind (asyncio.all_tasks() minus the current one) and await them.',
  'webloop-short-delay-immediate':
    "Do not rely on a sleep of 2 ms or less to order tasks on Pyodide: it runs as soon as possible (setImmediate / MessageChannel). Order with events, futures or sleep(0) steps instead.",
  'webloop-whole-ms-timer': 'Do not order timers by fractions of a millisecond on Pyodide: the host truncates delays to whole ms and runs equal ones in the order they were set.',
  'set-iteration-order':
    "Iterate a set in CPython's order, not in insertion order: port the hash functions (int, str with siphash13, tuple) and setobject.c's table (probing, dummies, resizes), or never print a set whose order matters.",
  'unawaited-rejection':
    'Keep an exception inside the task or coroutine that raised it: a coroutine nobody awaited must not run at all, and a failed task must hold its exception until someone asks (asyncio only logs "Task exception was never retrieved"), instead of ending the program with an unhandled rejection.',
  outcome: 'Make the program end the same way: the same exception, deadlock or budget outcome as CPython.',
  'side-crash': 'A bug of the port or transpiler itself: read the JavaScript error, fix the code that threw it.',
  'timeout-block-not-cancelled':
    'Make `async with timeout(d)` cancel the task at the deadline (throw CancelledError into its current await) and turn that cancellation into TimeoutError on the way out, instead of checking the deadline only when the block ends.',
  'taskgroup-siblings-not-cancelled':
    "When a TaskGroup child fails, cancel every sibling still running and the body's own task, then wait for them all before raising the ExceptionGroup (taskgroups.py _abort), instead of letting the others run to their end.",
  'missing-asyncio-api':
    "Give the promise stand-ins the methods asyncio's objects have (Task.set_name, exception, add_done_callback; Future.cancel; loop.call_soon...), each with CPython's meaning.",
  'timeout-does-not-cancel':
    'Cancel the awaited task when wait_for (or wait/as_completed with a timeout) gives up on it, and raise TimeoutError at the deadline: a Promise.race leaves the loser running.',
  'asyncgen-not-finalized':
    "Close async generators as asyncio's loop does: one dropped while suspended gets aclose() in a task of its own, and asyncio.run calls shutdown_asyncgens before it returns, so their finally blocks run.",
  'sync-waiter-order':
    "Wake the waiters of a Lock, Event, Condition, Semaphore or Queue in CPython's order, one loop iteration later (a future per waiter, woken with call_soon), not all at once in the next microtask.",
  'timeout-state-observed':
    "Fire a timeout's deadline as asyncio does: a loop timer that cancels the task inside the block when it falls due, so expired() is True from then on, even when the block finishes anyway; not a timer that fires only after the block's synchronous work, or is cleared when the block ends.",
  'timeout-error-without-cause':
    'Raise the TimeoutError of a deadline from the cancellation the deadline caused (`raise TimeoutError from CancelledError()`, as timeouts.py does), so e.__cause__ is the CancelledError, not None.',
  'asyncgen-steps-interleave':
    "Run an async generator's steps inside the consuming task's step: a `for await` that resumes through a promise after every yield lets other tasks in between, where CPython's `async for` runs on until the generator awaits something.",
  'clock-read-cost':
    "Read the loop's clock as CPython's realistic model does, a microsecond later at every read, or do not print durations to more digits than a millisecond.",
  ...MICROPYTHON_PORTER_FIXES,
};
/** The fix for each counterfactual cause (native/switches.ts): what the switch itself does, as a porter would build it. */
const CAUSE_FIXES: Record<string, string> = {
  'lazy-coroutines': PORTER_FIXES['coroutine-never-awaited-ran'],
  'lazy-task-start': PORTER_FIXES['eager-start'],
  'next-iteration-wakeups': PORTER_FIXES['wakeup-latency'],
  'sleep0-yield': PORTER_FIXES['sleep0-vs-microtask'],
  'shutdown-cancellation': PORTER_FIXES['no-shutdown-cancellation'],
  'heap-tie-order': PORTER_FIXES['timer-tie-order'],
  'float-deadlines': PORTER_FIXES['float-deadline'],
  'cancel-at-next-await':
    'Give tasks real cancellation: cancel() on a pending task returns True and throws CancelledError into it at the await it waits in (or its next one, or before its first step), e.g. with an AbortSignal that every sleep and wait of the task obeys.',
  'unhandled-rejection-logged':
    "Do not let an exception nobody awaits end the program: catch the rejection of every task and gather (asyncio only logs 'exception was never retrieved') and keep it for whoever asks.",
  'set-hash-order': PORTER_FIXES['set-iteration-order'],
  'loop-callbacks':
    "Run loop.call_soon callbacks and Future/Task done callbacks from the loop's ready queue, in the next loop iteration and in registration order (a done callback added before an await runs before the awaiter resumes), and call_later callbacks as timers of that loop, instead of queueMicrotask and promise.then.",
};

/** The fix for a bucket; a combined cause (`a+b`) needs each of its parts' fixes. */
export function porterFix(name: string): string {
  const direct = PORTER_FIXES[name] ?? CAUSE_FIXES[name];
  if (direct) return direct;
  const parts = name.split('+');
  if (parts.length > 1 && parts.every((part) => CAUSE_FIXES[part])) return `All of these together (each alone is not enough): ${parts.map((part) => CAUSE_FIXES[part]).join(' ')}`;
  return UNKNOWN_FIX;
}

const UNKNOWN_FIX = 'No fix is written down for this cause yet: compare the two outputs and the program, then add one to teach/lessons.ts.';

export interface Lesson {
  name: string;
  title: string;
  description: string;
  fix: string;
  /** How many programs of the run fell in this bucket. */
  count: number;
  /** The minimal program, as CPython ran it (also written as NAME.py). */
  python: string;
  /** Printed lines on CPython and on plain JS promises, and how each ended. */
  cpython: string[];
  native: string[];
  cpythonOutcome: string;
  nativeOutcome: string;
  replay: string;
  /** Who `native` ran on: plain JS promises, or another Python (`lessons --target cpython-3.12`). */
  other: string;
  /** explain's sentence for where the two runs part (explain/teach.ts withPartingStories). */
  story?: string;
}

/** A trace as printed lines; a program that prints nothing has none. */
function lines(trace: ReadonlyArray<[string, number]>): string[] {
  const text = trace.map(([entry]) => entry).join('');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export function lessonsFrom(report: CheckReport): Lesson[] {
  return report.buckets.map((bucket: Bucket) => ({
    name: bucket.name,
    title: bucket.title,
    description: bucket.description,
    fix: porterFix(bucket.name),
    count: bucket.count,
    python: bucket.example.python,
    cpython: lines(bucket.example.expected),
    native: lines(bucket.example.actual),
    cpythonOutcome: describeOutcome(bucket.example.expectedOutcome),
    nativeOutcome: describeOutcome(bucket.example.actualOutcome),
    replay: bucket.example.replay,
    other: otherSide(report.target),
  }));
}

/** How a page names the side a program ran on beside CPython. */
function otherSide(target: string): string {
  if (target === 'native') return 'plain JS promises';
  if (target === 'port') return 'the port';
  return `the oracle ${target}`;
}

/** A fence longer than any backtick run in the text, so a program cannot close it. */
function fence(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const bar = '`'.repeat(longest + 1);
  return `${bar}${lang}\n${text.replace(/\n$/, '')}\n${bar}`;
}

const printed = (output: string[]): string => (output.length === 0 ? '(nothing)' : output.join('\n'));

export function lessonMarkdown(lesson: Lesson, ext: 'md' | 'html'): string {
  return [
    `# ${lesson.title}`,
    '',
    `[All lessons](index.${ext}) · cause \`${lesson.name}\` · ${lesson.count} program(s) of the run`,
    '',
    '## Predict the output',
    '',
    `What does \`python3 ${lesson.name}.py\` print? And on ${lesson.other === 'plain JS promises' ? 'the same program ported line by line to plain JavaScript promises' : lesson.other}?`,
    '',
    fence(lesson.python, 'python'),
    '',
    '## Answer',
    '',
    `CPython (ends: ${lesson.cpythonOutcome}):`,
    '',
    fence(printed(lesson.cpython), 'text'),
    '',
    `${lesson.other[0].toUpperCase()}${lesson.other.slice(1)} (ends: ${lesson.nativeOutcome}):`,
    '',
    fence(printed(lesson.native), 'text'),
    '',
    '## Why',
    '',
    lesson.description,
    '',
    ...(lesson.story ? ["Where the two part, from CPython's loop events (`explain`):", '', lesson.story, ''] : []),
    '## The fix a porter applies',
    '',
    lesson.fix,
    '',
    '## Replay',
    '',
    fence(lesson.replay, 'console'),
    '',
  ].join('\n');
}

export function indexMarkdown(lessons: readonly Lesson[], report: CheckReport, ext: 'md' | 'html'): string {
  return [
    '# Where plain JS promises part from asyncio',
    '',
    `From \`${report.command}\`: ${report.runs} generated programs on CPython ${report.python.version} and on plain JS promises; ${report.differences} differ, in ${lessons.length} cause(s). Each lesson's program is the smallest of its cause, and replays.`,
    '',
    ...lessons.map((l) => `- [${l.title}](${l.name}.${ext}) — ${l.count} program(s)`),
    '',
  ].join('\n');
}

const renderer = new MarkdownIt('commonmark', { html: false });

function htmlPage(title: string, markdown: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escape(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:1.5rem auto;padding:0 1rem}pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}</style>
</head>
<body>
${renderer.render(markdown)}</body>
</html>
`;
}

/** Writes index.md/.html, NAME.md/.html and NAME.py per lesson, and lessons.json; returns the files written. */
export async function writeLessons(lessons: readonly Lesson[], report: CheckReport, dir: string): Promise<string[]> {
  await makeDirectory(dir);
  const files: Array<[string, string]> = [
    ['index.md', indexMarkdown(lessons, report, 'md')],
    ['index.html', htmlPage('Lessons: asyncio and JS promises', indexMarkdown(lessons, report, 'html'))],
    ['lessons.json', JSON.stringify({ command: report.command, python: report.python, lessons }, null, 2) + '\n'],
  ];
  for (const lesson of lessons) {
    files.push([`${lesson.name}.md`, lessonMarkdown(lesson, 'md')]);
    files.push([`${lesson.name}.html`, htmlPage(lesson.title, lessonMarkdown(lesson, 'html'))]);
    files.push([`${lesson.name}.py`, lesson.python]);
  }
  for (const [name, text] of files) await writeFile(join(dir, name), text, 'utf8');
  return files.map(([name]) => join(dir, name));
}

