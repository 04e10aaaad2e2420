/**
 * When two runs of one program agree: the same printed text at the same virtual time, entry
 * by entry (times compared to the bit), and the same outcome. Task names and iteration
 * counts are kept for the timeline but not compared: they are how a run is drawn, not what
 * a program observably does.
 *
 * Object addresses are masked: `<coroutine object main at 0x7f3125eac930>` and
 * `<function f at 0x7f...>` print a memory address that changes from run to run in CPython
 * (the port prints a made-up one), so every ` at 0x<hex>` compares equal to every other, in
 * printed text and in exception messages alike. Nothing else is masked.
 */
import type { Outcome, RunResult, TraceEntry } from '../ir/program.ts';

export interface Comparison {
  same: boolean;
  /** Index of the first differing trace entry; the shorter length when one trace is a prefix. */
  divergence: number;
  /** The traces agree, only how the runs ended differs. */
  outcomeOnly: boolean;
}

/** `times: false` compares text only: for sides whose clock is another model (the native profile's integer-millisecond timers). */
export interface CompareOptions {
  times?: boolean;
}

/** An object's address as a repr prints it (`%p`: `0x` and lowercase hex), after ` at `. */
const ADDRESS = / at 0x[0-9a-f]+/g;

/** `text` with every object address replaced by one token (` at 0x…`). */
export function maskAddresses(text: string): string {
  return text.replace(ADDRESS, ' at 0x\u2026');
}

/** Equal texts, or equal once object addresses are masked. */
export function sameText(a: string, b: string): boolean {
  if (a === b) return true;
  return a.includes(' at 0x') && b.includes(' at 0x') && maskAddresses(a) === maskAddresses(b);
}

export function sameEntry(a: TraceEntry, b: TraceEntry, options: CompareOptions = {}): boolean {
  return sameText(a.text, b.text) && (options.times === false || Object.is(a.time, b.time));
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'exception' && b.kind === 'exception') return a.type === b.type && sameText(a.message, b.message);
  if (a.kind === 'budget' && b.kind === 'budget') return a.limit === b.limit;
  return true;
}

export function compareRuns(expected: RunResult, actual: RunResult, options: CompareOptions = {}): Comparison {
  const shorter = Math.min(expected.trace.length, actual.trace.length);
  let divergence = 0;
  while (divergence < shorter && sameEntry(expected.trace[divergence], actual.trace[divergence], options)) divergence++;
  const tracesSame = divergence === expected.trace.length && divergence === actual.trace.length;
  const outcomesSame = sameOutcome(expected.outcome, actual.outcome);
  return { same: tracesSame && outcomesSame, divergence, outcomeOnly: tracesSame && !outcomesSame };
}

/** `[text, time]` pairs, the shape the JSON report and the issue use. */
export function textTimePairs(trace: TraceEntry[]): Array<[string, number]> {
  return trace.map((entry) => [entry.text, entry.time]);
}
