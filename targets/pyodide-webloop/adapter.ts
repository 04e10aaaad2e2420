/**
 * `pyodide-webloop`: Pyodide's WebLoop (CPython 3.14.2's asyncio on the JavaScript event loop)
 * as a target. Each program runs the way Pyodide's users run asyncio without stack switching:
 * its module code through `runPythonAsync`, `asyncio.run(main())` printed as `await main()`
 * (drivable.ts); the host under the WebLoop is a virtual Node loop (node-loop.ts) and
 * `performance.now()` a virtual clock, so nothing sleeps. One Pyodide per process
 * (instance.ts), reset between programs: fresh globals, a new WebLoop, `Task-N` from 1.
 *
 * Only text and order are compared (`comparesTime: false`): Node's timers are whole
 * milliseconds, Pyodide sends every delay up to 2 ms to `setImmediate`, and a deadline reaches
 * the host as `when - time()` (a float difference that `setTimeout` truncates), so the times at
 * which lines print are another clock model than CPython's float deadlines; comparing them to
 * the bit would bury the ordering differences under rounding.
 *
 * Outcomes: the program's promise rejecting is `exception` (the run stops there, as an
 * unhandled top-level rejection ends Node); the loop running dry with the promise pending is
 * `deadlock`; after it fulfils, the callbacks still scheduled keep running (Node keeps firing
 * them: the WebLoop never cancels leftover tasks). A run is stopped between callbacks by the
 * budget or the wall clock; a Python loop that never yields inside one callback is not.
 */
import type { Outcome, Program, RunResult, TraceEntry } from '../../ir/program.ts';
import { REALISTIC_QUANTUM } from '../../ir/program.ts';
import { WEBLOOP_MARK } from '../../compare/buckets-pyodide.ts';
import { capMessage } from '../../compare/capped-text.ts';
import { serial } from '../../compare/serial.ts';
import type { RunOptions, Side } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { DEFAULT_WALLCLOCK_MS } from '../../oracle/wallclock.ts';
import { drivableSource } from './drivable.ts';
import { discard, instance, output, scheduler, type Instance } from './instance.ts';
import { VirtualNodeLoop } from './node-loop.ts';
import { exceptionOutcome, isPythonError } from './python-error.ts';

const exclusive = serial();

type MainState = { state: 'pending' } | { state: 'fulfilled' } | { state: 'rejected'; reason: unknown };

const adapter: Side = {
  name: 'pyodide-webloop',
  comparesTime: false,
  run: (program, options) => exclusive(() => runOnWebLoop(program, options)).catch((error: unknown) => failure(error)),
  typescript: async (program) => {
    const drivable = drivableSource(program);
    return 'source' in drivable ? drivable.source : `# ${drivable.refusal}\n`;
  },
};

export default adapter;

function failure(error: unknown): SideResult {
  return { failure: capMessage(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
}

async function runOnWebLoop(program: Program, options: RunOptions): Promise<SideResult> {
  const drivable = drivableSource(program);
  if ('refusal' in drivable) return { failure: drivable.refusal };
  const { py, host } = await instance();
  const loop = new VirtualNodeLoop(options.clock, REALISTIC_QUANTUM * 1000);
  const trace: TraceEntry[] = [];
  let stderr = '';
  let fatal: unknown;
  let main: MainState = { state: 'pending' };
  /** Read through a call: the promise's callbacks change it behind TypeScript's narrowing. */
  const mainNow = (): MainState => main;
  const withVirtualClock = <T>(job: () => T): T => {
    const saved = Object.getOwnPropertyDescriptor(performance, 'now');
    performance.now = () => loop.readClock();
    try {
      return job();
    } finally {
      if (saved) Object.defineProperty(performance, 'now', saved);
      else delete (performance as { now?: unknown }).now;
    }
  };
  output.sink = (text) => void (stderr += text);
  scheduler.schedule = (callback, delayMs) => loop.scheduleCallback(callback, delayMs);
  const record = (text: string, task: string | undefined): void => {
    const entry: TraceEntry = { text, time: loop.seconds, task: task ?? null, iteration: loop.fired };
    trace.push(entry);
    options.onPrint?.(entry);
  };
  let globals: { destroy(): void } | undefined;
  try {
    globals = host.begin(record) as { destroy(): void };
    options.onStart?.();
    const body = withVirtualClock(() => py.runPythonAsync(drivable.source, { globals, filename: program.header?.source ?? 'prog.py' }));
    body.then(
      () => void (main = { state: 'fulfilled' }),
      (reason: unknown) => void (main = { state: 'rejected', reason }),
    );
    const fire = (callback: () => void): Outcome | null => {
      try {
        withVirtualClock(callback);
        return null;
      } catch (error) {
        // SystemExit / KeyboardInterrupt out of a handle (WebLoop re-raises them): escapes to the host.
        if (isPythonError(error)) return exceptionOutcome(error);
        fatal = error;
        return { kind: 'crash', message: capMessage(`Pyodide failed: ${String(error)}`) };
      }
    };
    const stop = (): Outcome | null => {
      const now = mainNow();
      return now.state === 'rejected' ? outcomeOf(now.reason) : null;
    };
    const stopped = await loop.run({ budget: options.budget, wallclockMs: DEFAULT_WALLCLOCK_MS }, fire, stop);
    const outcome: Outcome = stopped ?? (mainNow().state === 'fulfilled' ? { kind: 'ok' } : { kind: 'deadlock' });
    const result: RunResult = { trace, outcome, endTime: loop.seconds, iterations: loop.fired, ...WEBLOOP_MARK };
    return stderr ? { ...result, stderr: capMessage(stderr) } : result;
  } finally {
    endRun({ py, host }, fatal);
    globals?.destroy();
    output.sink = () => {};
    scheduler.schedule = () => {};
  }
}

function outcomeOf(reason: unknown): Outcome {
  if (isPythonError(reason)) return exceptionOutcome(reason);
  return { kind: 'crash', message: capMessage(`Pyodide failed: ${String(reason)}`) };
}

function endRun(py: Instance, fatal: unknown): void {
  if (fatal !== undefined) {
    discard();
    return;
  }
  try {
    py.host.end();
  } catch {
    discard();
  }
}
