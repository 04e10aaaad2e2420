/**
 * Run one program on the port, recording its prints as a trace (the oracle's shape:
 * ir/program.ts RunResult). Installs a virtual-clock policy for the run and restores the
 * previous policy and stdout afterwards, whatever happens.
 */
import type { Budget, ClockModel, Outcome, Program, RunResult, TraceEntry } from '../ir/program.ts';
import * as asyncio from '../port/index.ts';
import * as python from '../runtime/index.ts';
import { BaseException, pythonMessage, pythonTypeName } from '../runtime/exceptions.ts';
import { compileForPort, type CompiledProgram } from './index.ts';
import { resetFrames } from '../runtime/frames.ts';
import { RunTimeRefusal } from '../runtime/refusal.ts';
import { sourceLineOf, sourcePosition } from './source-position.ts';

export interface ExecuteOptions {
  clock: ClockModel;
  budget: Budget;
  /**
   * The oracle's CPython asyncio directory, for the paths reprs print (`.../asyncio/base_events.py:180`);
   * default: asked once of `python3` (port/format_helpers.ts).
   */
  asyncioDir?: string;
  /** Called just before the program's first statement runs (compare/isolated.ts starts its wall clock here). */
  onStart?: () => void;
  /** Called with each trace entry as it is printed (compare/isolated.ts streams them out of its child process). */
  onPrint?: (entry: TraceEntry) => void;
}

/** Compiled programs, so a program run under both clocks is compiled once. */
const compiled = new WeakMap<Program, CompiledProgram>();

function compile(program: Program): CompiledProgram {
  let c = compiled.get(program);
  if (!c) {
    c = compileForPort(program);
    compiled.set(program, c);
  }
  return c;
}

/** What escaped the program, as an Outcome; anything that is not Python's (a port bug) is rethrown. */
function outcomeOf(error: unknown): Outcome {
  if (error instanceof asyncio.BudgetExceeded) return { kind: 'budget', limit: error.limit };
  if (error instanceof asyncio.Deadlock) return { kind: 'deadlock' };
  if (error instanceof BaseException) return { kind: 'exception', type: pythonTypeName(error), message: pythonMessage(error) };
  throw error;
}

/** Run `program` on the port under a virtual clock (`stderr`: what it logged, if anything). Not reentrant: run programs one at a time. */
export async function executeOnPort(program: Program, opts: ExecuteOptions): Promise<RunResult & { stderr?: string }> {
  const { run, js } = compile(program);
  const trace: TraceEntry[] = [];
  const policy = new asyncio.VirtualClockPolicy({ clock: opts.clock, budget: opts.budget });
  const previousPolicy = asyncio.get_event_loop_policy();
  asyncio._reset_task_name_counter();
  resetFrames();
  if (opts.asyncioDir !== undefined) asyncio.set_asyncio_dir(opts.asyncioDir);
  asyncio.set_event_loop_policy(policy);
  python.resetRandom();
  python.setVirtualClock({ read: () => policy.readClock(), advance: (seconds) => policy.advanceClock(seconds) });
  python.setStdout((text) => {
    const loop = asyncio._get_running_loop();
    const entry: TraceEntry = {
      text,
      time: loop ? loop.virtualNow() : 0,
      task: loop ? (asyncio.current_task(loop)?.get_name() ?? null) : null,
      iteration: loop ? loop.iterations : 0,
    };
    trace.push(entry);
    opts.onPrint?.(entry);
  });
  let outcome: Outcome = { kind: 'ok' };
  try {
    opts.onStart?.();
    await run({ asyncio, python });
  } catch (error) {
    // A refusal of the runtime (a set of tasks iterated) names the statement it stopped at.
    if (error instanceof RunTimeRefusal) {
      const line = sourceLineOf(error.stack, js);
      if (line !== undefined) error.message = `${sourcePosition(program.header?.source, line)}: ${error.message}`;
      throw error;
    }
    // A harness error (deadlock, budget) decides the outcome even if the shutdown after it
    // failed too (tasks awaiting each other recurse in cancel(), in CPython as here): the
    // oracle records the halt the same way.
    outcome = outcomeOf(policy.lastLoop?._harness_error ?? error);
  } finally {
    policy.atExit();
    python.setStdout(null);
    python.setVirtualClock(null);
    asyncio.set_event_loop_policy(previousPolicy);
  }
  const loop = policy.lastLoop;
  // What the default exception handler logged ("Task exception was never retrieved", ...): stderr, which runs are not compared on.
  const stderr = policy.loggedErrors.map((text) => `${text}\n`).join('');
  return { trace, outcome, endTime: loop ? loop.virtualNow() : policy.idleNow, iterations: loop ? loop.iterations : 0, ...(stderr ? { stderr } : {}) };
}
