/**
 * Bucket rules for causes that belong to Pyodide's WebLoop (targets/pyodide-webloop/): how it
 * hands callbacks to the JavaScript host and how programs are driven there. They match only
 * runs the WebLoop adapter marked as its own (WEBLOOP_MARK), and come before the general
 * rules (compare/buckets.ts), which were written for JS promise ports and would otherwise
 * name these differences after causes that are not the WebLoop's. The README's "Pyodide's
 * WebLoop against CPython 3.14" section has a minimal program for each.
 */
import type { RunResult, TraceEntry } from '../ir/program.ts';
import type { BucketRule } from './buckets.ts';

/** Pyodide's `scheduleCallback` sends delays up to this many ms to setImmediate / a MessageChannel. */
const IMMEDIATE_MAX_MS = 2;

const ms = (seconds: number): number => seconds * 1000;

/** Whether `expected` (texts) is a subsequence of `actual`: the actual trace only adds lines. */
function onlyAddsLines(expected: TraceEntry[], actual: TraceEntry[]): boolean {
  if (actual.length <= expected.length) return false;
  let i = 0;
  for (const entry of actual) if (i < expected.length && entry.text === expected[i].text) i++;
  return i === expected.length;
}

/**
 * How much later CPython printed the line the WebLoop printed at the divergence than the line
 * it printed there itself (seconds, CPython's clock), if CPython printed it at all.
 */
function cpythonLead(expected: TraceEntry[], actual: TraceEntry[], divergence: number): number | undefined {
  const got = actual[divergence];
  const wanted = expected[divergence];
  if (!got || !wanted) return undefined;
  const twin = expected.find((entry, i) => i > divergence && entry.text === got.text);
  return twin === undefined ? undefined : twin.time - wanted.time;
}

/** The property targets/pyodide-webloop/adapter.ts sets on every RunResult it returns. */
export const WEBLOOP_MARK = { engine: 'pyodide-webloop' } as const;

export function ranOnWebLoop(run: RunResult): boolean {
  return (run as RunResult & { engine?: string }).engine === WEBLOOP_MARK.engine;
}

export const PYODIDE_BUCKET_RULES: BucketRule[] = [
  {
    name: 'webloop-leftover-tasks',
    title: 'Tasks go on after the top-level await',
    description:
      "Without stack switching there is no blocking asyncio.run (pyodide #3932: run_until_complete returns a pending task): the program's `await main()` runs as a top-level await through runPythonAsync, and nothing cancels the tasks main leaves behind (the WebLoop has no shutdown), so they go on printing on the host's event loop. asyncio.run cancels them when main returns.",
    matches: (e) => ranOnWebLoop(e.actualRun) && onlyAddsLines(e.expected, e.actual),
  },
  {
    name: 'webloop-short-delay-immediate',
    title: 'A sleep of 2 ms or less runs as soon as possible',
    description:
      "Pyodide's scheduleCallback sends every delay of at most 2 ms to setImmediate (Node) or a MessageChannel (browsers), not to setTimeout (pyodide #4006: browsers clamp setTimeout to 4 ms; #5925: 0 ms is the nearer of the two for 1 ms). So asyncio.sleep(0.001) wakes with the callbacks of sleep(0), before time moves, where CPython waits the millisecond and runs every sleep(0) step first.",
    matches: (e) => {
      if (!ranOnWebLoop(e.actualRun)) return false;
      const lead = cpythonLead(e.expected, e.actual, e.divergence);
      return e.facts.sleepDelays.some((d) => d > 0 && ms(d) <= IMMEDIATE_MAX_MS) && lead !== undefined && lead > 0 && ms(lead) <= IMMEDIATE_MAX_MS + 1e-6;
    },
  },
  {
    name: 'webloop-whole-ms-timer',
    title: 'Timers in whole milliseconds',
    description:
      "The WebLoop hands call_later's delay to the host as `(when - loop.time()) * 1000`, and setTimeout truncates it to whole milliseconds. Timers CPython keeps apart by a fraction of a millisecond (sleep(0.0105) started before sleep(0.01)) share one on the host, where equal timers fire in the order they were set.",
    matches: (e) => {
      if (!ranOnWebLoop(e.actualRun)) return false;
      const lead = cpythonLead(e.expected, e.actual, e.divergence);
      return e.facts.sleepDelays.some((d) => ms(d) > IMMEDIATE_MAX_MS && !Number.isInteger(ms(d))) && lead !== undefined && lead > 0 && ms(lead) < 1;
    },
  },
];
