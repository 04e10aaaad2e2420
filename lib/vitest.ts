/**
 * The vitest helper, `import { conformance } from 'asyncio-conformance/vitest'`: a port
 * author's test file is three lines.
 *
 *   import { test } from 'vitest';
 *   import { conformance } from 'asyncio-conformance/vitest';
 *   conformance(test, { target: myAdapter, runs: 200 });
 *
 * It registers one test that runs `check` (lib/index.ts) and fails when the target differs
 * from CPython or crashes. As with `@fast-check/vitest`, the failure's message is what a person
 * needs to act: each kind of difference with its minimal program, both traces with the first
 * difference marked, and the replay line; the seed is random unless given, and always printed.
 */
import { printSummary } from '../cli/summary.ts';
import { check, type CheckOptions, type CheckReport } from './index.ts';

/**
 * What `test` must be: vitest's `test` (or `it`), or any runner's function of the same shape
 * (name, body, timeout in ms). Typed structurally so the helper needs no vitest types.
 */
export type TestFunction = (name: string, body: () => Promise<void>, timeout?: number) => unknown;

export interface ConformanceOptions extends CheckOptions {
  /** The test's name (default: `conforms to CPython asyncio (<target>, <runs> programs)`). */
  name?: string;
  /** The test's timeout in ms (default 10 minutes: the oracle's start and the shrinking count). */
  timeout?: number;
}

/** The seed a run uses when none is given: `ASYNCIO_CONFORMANCE_SEED` (to replay a CI failure), else random. */
function defaultSeed(): number {
  const fromEnvironment = process.env.ASYNCIO_CONFORMANCE_SEED;
  if (fromEnvironment !== undefined && /^-?\d+$/.test(fromEnvironment.trim())) return Number(fromEnvironment);
  return (Math.random() * 2 ** 31) | 0;
}

/** Registers one test that checks `options.target` (default `port`) against CPython. */
export function conformance(test: TestFunction, options: ConformanceOptions = {}): void {
  const { name, timeout = 600_000, ...checkOptions } = options;
  const runs = checkOptions.runs ?? 100;
  const targetName = typeof checkOptions.target === 'object' ? checkOptions.target.name : (checkOptions.target ?? 'port');
  test(
    name ?? `conforms to CPython asyncio (${targetName}, ${runs} programs)`,
    async () => {
      const report = await check({ ...checkOptions, runs, seed: checkOptions.seed ?? defaultSeed() });
      const message = failureMessage(report);
      if (message !== undefined) throw new ConformanceError(message, report);
    },
    timeout,
  );
}

/** A failed conformance test; `report` is the whole check report (what `--json` writes). */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
  constructor(
    message: string,
    readonly report: CheckReport,
  ) {
    super(message);
  }
}

/**
 * The failure's text (undefined when the target conforms): the summary `check` prints (each
 * bucket's minimal program, both traces, the replay line), and how to replay the whole run.
 */
export function failureMessage(report: CheckReport): string | undefined {
  if (report.differences === 0 && report.outcomes.portCrash === 0) return undefined;
  let text = '';
  printSummary(report, { write: (chunk: string) => (text += chunk) });
  const what = report.differences > 0 ? `${report.differences} of ${report.runs} programs differ from CPython` : `${report.outcomes.portCrash} of ${report.runs} programs crashed the target`;
  return `${what} (seed ${report.seed}; rerun with ASYNCIO_CONFORMANCE_SEED=${report.seed})\n${text}`;
}
