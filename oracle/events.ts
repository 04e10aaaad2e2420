/**
 * The loop's own events of one run (what `explain` tells its story from): recorded by the
 * worker's event recorder (`oracle/python/worker.py`, "the event recorder" section) on stock
 * asyncio, and by the port's hooks (`explain/port-events.ts`) in the same shape, so the two
 * streams compare event for event.
 */
import type { RunResult } from '../ir/program.ts';
import type { Oracle } from './oracles.ts';
import type { RunOptions } from './pool.ts';

/** Why a handle ran: the kinds `_run_once` tells apart by the handle's callback. */
export type HandleKind =
  /** A task's first `__step`, scheduled by its creation (`create_task`). */
  | 'first-step'
  /** A later `__step` scheduled directly (a bare `yield`: `sleep(0)`). */
  | 'step'
  /** A task's `__wakeup`, scheduled by the done callbacks of the future it awaited. */
  | 'wakeup'
  /** A `TimerHandle` that came due (`call_later`/`call_at`, e.g. the end of a `sleep(d)`). */
  | 'timer'
  /** Any other `call_soon` callback. */
  | 'callback';

/** Who scheduled a handle: the handle running then (null: none), its task, when, and the line. */
export interface ScheduledBy {
  handle: number | null;
  task: string | null;
  iteration: number;
  time: number;
  /** The program's line on the stack, when the scheduling came from the program's own code. */
  line: number | null;
}

/** `_run_once` ran one handle. */
export interface RunEvent {
  kind: 'run';
  seq: number;
  iteration: number;
  time: number;
  /** Handles are numbered in the order they were made (`call_soon`, `call_at`). */
  handle: number;
  type: HandleKind;
  /** The task whose step or wake-up this is. */
  task: string | null;
  /** The callback's qualified name (diagnostics only: C and Python name theirs differently). */
  callback: string;
  scheduledBy: ScheduledBy;
  /** The handles that ran before it in this iteration (they were ahead of it in the ready queue). */
  ahead: number[];
  /** Trace entries printed while it ran: `[start, end)`. */
  prints: [number, number];
  /** A timer's deadline. */
  when?: number;
  /** A wake-up by a finished task (the awaited task). */
  wokenBy?: string;
  /** The task finished in this step. */
  taskDone?: boolean;
  /** ... cancelled (a CancelledError ended it). */
  taskCancelled?: boolean;
  /** Where the task stands suspended after this step (its innermost frame in the program). */
  suspendedAt?: number | null;
  /** The task it now awaits, if a task. */
  waitingFor?: string;
}

/** A task was created. */
export interface CreateEvent {
  kind: 'create';
  seq: number;
  iteration: number;
  time: number;
  task: string;
  /** The coroutine's qualified name (`BaseEventLoop.shutdown_asyncgens`: asyncio's own). */
  coro: string | null;
  by: string | null;
  line: number | null;
}

/** `Task.cancel()` was called on a pending task. */
export interface CancelEvent {
  kind: 'cancel';
  seq: number;
  iteration: number;
  time: number;
  task: string;
  by: string | null;
  line: number | null;
  /** Asked by `asyncio.run` at shutdown (runners.py `_cancel_all_tasks`). */
  shutdown: boolean;
}

/** A coroutine object was created and dropped without ever running. */
export interface NeverAwaitedEvent {
  kind: 'never-awaited';
  seq: number;
  coro: string;
  line: number | null;
}

/** The program called `print` (one per trace entry, in order), from this line. */
export interface PrintEvent {
  kind: 'print';
  seq: number;
  line: number | null;
  task: string | null;
}

export type LoopEvent = RunEvent | CreateEvent | CancelEvent | NeverAwaitedEvent | PrintEvent;

/** A run with its events (empty when the run never got to record any: a worker that hung). */
export interface EventedRun {
  result: RunResult;
  events: LoopEvent[];
}

/** Runs `source` on the oracle with the event recorder on. */
export async function runWithEvents(oracle: Oracle, source: string, opts: RunOptions = {}): Promise<EventedRun> {
  const raw = (await oracle.run(source, { ...opts, events: true })) as RunResult & { events?: LoopEvent[] };
  const { events = [], ...result } = raw;
  return { result, events };
}
