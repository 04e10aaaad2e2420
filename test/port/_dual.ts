/**
 * Programs written twice, Python source for CPython and a hand transpilation onto the port,
 * and their runs: CPython's through the product's oracle (test/_support/oracle.ts), the
 * port's here. Both give RunResults to compare field by field (times to the bit).
 */
import type { ClockModel, RunResult, TraceEntry } from '../../ir/program.ts';
import * as asyncio from '../../port/index.ts';
import { runUnchecked } from '../_support/oracle.ts';

/** Python's `str()` for the few value kinds the hand-transpiled test programs print. */
export function pyStr(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint' || typeof v === 'string') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  if (v instanceof Error) return v.message;
  return String(v);
}

/** The port's side: a `print` that records trace entries exactly as the oracle does. */
export function makeRecorder(): { trace: TraceEntry[]; print: (...args: unknown[]) => void } {
  const trace: TraceEntry[] = [];
  const print = (...args: unknown[]): void => {
    const loop = asyncio._get_running_loop();
    const task = loop ? asyncio.current_task() : null;
    trace.push({
      text: args.map(pyStr).join(' ') + '\n',
      time: loop ? loop.virtualNow() : 0,
      task: task ? task.get_name() : null,
      iteration: loop ? loop.iterations : 0,
    });
  };
  return { trace, print };
}

/** A hand-transpiled program: given `print`, returns the coroutine `asyncio.run` gets. */
export type PortProgram = (print: (...args: unknown[]) => void) => asyncio.Coroutine<unknown>;

/** Runs a hand-transpiled program on the port with a virtual clock, as executeOnPort does. */
export async function runOnPort(program: PortProgram, clock: ClockModel): Promise<RunResult> {
  asyncio._reset_task_name_counter();
  const policy = new asyncio.VirtualClockPolicy({ clock });
  asyncio.set_event_loop_policy(policy);
  const { trace, print } = makeRecorder();
  let outcome: RunResult['outcome'] = { kind: 'ok' };
  try {
    await asyncio.run(program(print));
  } catch (e) {
    if (e instanceof asyncio.Deadlock) outcome = { kind: 'deadlock' };
    else if (e instanceof asyncio.BudgetExceeded) outcome = { kind: 'budget', limit: e.limit };
    else outcome = { kind: 'exception', type: (e as Error).constructor.name, message: (e as Error).message };
  } finally {
    asyncio.set_event_loop_policy(null);
  }
  const loop = policy.lastLoop;
  return { trace, outcome, endTime: loop ? loop.virtualNow() : 0, iterations: loop ? loop.iterations : 0 };
}

/** A program written twice: Python source for CPython, hand-transpiled TS for the port. */
export interface DualProgram {
  name: string;
  py: string;
  ts: PortProgram;
}

/** CPython's runs of the programs' Python side under `clock`, through the product's oracle. */
export function runOnCPython(programs: DualProgram[], clock: ClockModel): Promise<RunResult[]> {
  return runUnchecked(programs.map((p) => p.py), clock);
}

/** Runs every program on both sides under `clock`; returns pairs [cpython, port]. */
export async function runBoth(programs: DualProgram[], clock: ClockModel): Promise<Array<[RunResult, RunResult]>> {
  const expected = await runOnCPython(programs, clock);
  const pairs: Array<[RunResult, RunResult]> = [];
  for (let i = 0; i < programs.length; i++) pairs.push([expected[i], await runOnPort(programs[i].ts, clock)]);
  return pairs;
}

/** The texts of a trace, one string per print (for readable assertions). */
export const texts = (r: RunResult): string[] => r.trace.map((e) => e.text.trimEnd());
