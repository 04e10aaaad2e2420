/**
 * The data every reporter reads: what one `check` / `compare` run found.
 *
 * The lead's `check`/`compare` commands produce a `CheckReport`; `json.ts` stores it as is,
 * `junit.ts` turns it into CI test cases, `html/` renders it for people. Nothing here knows
 * how programs were run. JSON-serialisable throughout (no `undefined` where a value is due,
 * no Maps), so a stored report reads back the same.
 */
import type { ClockModel, Outcome, TraceEntry } from '../ir/program.ts';

/** Bumped whenever a stored report would no longer read the same. */
export const REPORT_SCHEMA = 1;

export interface CheckReport {
  schema: 1;
  tool: { name: 'asyncio-conformance'; version: string };
  /** The command line that produced it. */
  command: string;
  /** What was compared with CPython: 'port', 'native', or a second oracle's name (check --target cpython-3.14). */
  target: string;
  clock: ClockModel;
  seed: number;
  /** Programs run. */
  runs: number;
  /** Programs whose traces differ. */
  differences: number;
  python: { executable: string; version: string; implementation: string };
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  programsPerSecond: number;
  /** 1-based `index` of `count` shards; `runs`: the --runs of the whole stream the shards slice. */
  shard?: { index: number; count: number; runs?: number };
  /** A merged report that lacks these shards (merge-reports --allow-partial): not the whole run. */
  partial?: { count: number; missing: number[] };
  /** The generator constraints the user set (absent: the defaults); reports of other constraints are other experiments. */
  constraints?: Record<string, unknown>;
  outcomes: Outcomes;
  /** Sorted by count, descending. */
  buckets: Bucket[];
  /** Differences of the causes left out (`--ignore-bucket`), by bucket name: counted, not shrunk, not in `differences`. */
  ignored?: Record<string, number>;
  /** How long shrinking took, per difference (absent when nothing was shrunk). */
  shrink?: { count: number; medianMs: number; totalMs: number; /** each difference's, so merged reports get the true median */ timesMs?: number[] };
}

/** Every program falls in exactly one kind (Csmith/YARPGen style); a timeout is never a difference. */
export interface Outcomes {
  same: number;
  differs: number;
  oracleCrash: number;
  portCrash: number;
  timeout: number;
  generatorBug: number;
}

/** One kind of difference, with the smallest program that shows it. */
export interface Bucket {
  /** e.g. 'eager-start', 'no-shutdown-cancellation', 'unclassified' */
  name: string;
  /** e.g. 'Eager start' */
  title: string;
  /** One or two sentences: what differs and why. */
  description: string;
  count: number;
  /** The smallest one. */
  example: Counterexample;
}

export interface Counterexample {
  /** Stable, e.g. 'seed42-path17'. */
  id: string;
  /** Replay coordinates (fast-check seed and path). */
  seed: number;
  path: string;
  /** One-line command that reproduces it. */
  replay: string;
  /** The program as CPython ran it. */
  python: string;
  /** The TS that ran on the other side (formatted). */
  typescript: string;
  /** 1-based lines of corresponding statements. */
  lineMap: Array<{ python: number; typescript: number }>;
  /** CPython's trace: [text, virtual time]. */
  expected: Array<[string, number]>;
  /** The other side's trace. */
  actual: Array<[string, number]>;
  /** Full entries (task, iteration) for the timeline. */
  expectedTrace: TraceEntry[];
  actualTrace: TraceEntry[];
  expectedOutcome: Outcome;
  actualOutcome: Outcome;
  /** Index of the first differing trace entry (or trace length if only outcomes differ). */
  divergence: number;
  shrinkSteps: number;
  /** Statements before shrinking. */
  originalSize: number;
  /** Statements after. */
  size: number;
}

/** Human names for the outcome kinds, in the order reports list them. */
export const OUTCOME_LABELS: ReadonlyArray<[keyof Outcomes, string]> = [
  ['same', 'Same'],
  ['differs', 'Differs'],
  ['oracleCrash', 'Oracle crash'],
  ['portCrash', 'Port crash'],
  ['timeout', 'Timeout'],
  ['generatorBug', 'Generator bug'],
];

/** `exception TypeError: boom`, `ok`, `deadlock`, `budget (iterations)`: one line for a person. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'exception':
      return outcome.message ? `exception ${outcome.type}: ${outcome.message}` : `exception ${outcome.type}`;
    case 'deadlock':
      return 'deadlock';
    case 'budget':
      return `budget exhausted (${outcome.limit})`;
    case 'crash':
      return `crash (${outcome.message})`;
  }
}
