/**
 * The port's side of the event recorder: the same events as the oracle's (oracle/events.ts),
 * recorded through the port's named hooks (`_loopEvents` in port/events.ts, called from
 * port/base_events.ts `create_task`/`_run_once` and port/tasks.ts `Task.cancel`), so a port
 * author sees where their scheduler parted from CPython's. What the port cannot know is left
 * out: Python line numbers (null), and coroutines never awaited (no finaliser warning here).
 */
import type { ClockModel, Program, TraceEntry } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import type { EventedRun, LoopEvent, RunEvent, ScheduledBy } from '../oracle/events.ts';
import * as asyncio from '../port/index.ts';
import type { BaseEventLoop } from '../port/base_events.ts';
import { _loopEvents, TimerHandle, type Handle, type LoopEventHooks } from '../port/events.ts';
import { Task } from '../port/tasks.ts';
import { executeOnPort } from '../transpile/execute.ts';
import { validateProgram } from '../ir/validate.ts';
import { asyncgenSteps } from '../runtime/generators.ts';

interface Made {
  id: number;
  by: ScheduledBy;
}

/** An event before it is numbered. */
type Unnumbered = LoopEvent extends infer E ? (E extends LoopEvent ? Omit<E, 'seq'> : never) : never;

class PortRecorder implements LoopEventHooks {
  readonly events: Unnumbered[] = [];
  /** The task of each create event, by index: its name is read at the end. */
  private readonly created = new Map<number, Task<unknown>>();
  private readonly made = new WeakMap<Handle, Made>();
  private readonly running = new Map<Handle, RunEvent>();
  private nextHandle = 1;
  private current: Handle | null = null;
  private iteration = -1;
  private ranThisIteration: number[] = [];
  private readonly started = new WeakSet<Task<unknown>>();
  private readonly steps = new Map<unknown, Task<unknown>>();
  private readonly wakeups = new Map<unknown, Task<unknown>>();
  printed = 0;

  private taskNow(loop: BaseEventLoop): string | null {
    return loop.is_running() ? (asyncio.current_task(loop)?.get_name() ?? null) : null;
  }

  handleMade(handle: Handle): void {
    const loop = handle._loop;
    const by: ScheduledBy = {
      handle: this.current === null ? null : (this.made.get(this.current)?.id ?? null),
      task: this.taskNow(loop),
      iteration: loop.iterations,
      time: loop.virtualNow(),
      line: null,
    };
    this.made.set(handle, { id: this.nextHandle++, by });
  }

  handleRunning(handle: Handle): void {
    const loop = handle._loop;
    if (loop.iterations !== this.iteration) {
      this.iteration = loop.iterations;
      this.ranThisIteration = [];
    }
    const made = this.made.get(handle) as Made;
    const stepOf = this.steps.get(handle._callback);
    const wakeupOf = this.wakeups.get(handle._callback);
    const task = stepOf ?? wakeupOf ?? null;
    let type: RunEvent['type'];
    if (wakeupOf) type = 'wakeup';
    else if (stepOf) {
      type = this.started.has(stepOf) ? 'step' : 'first-step';
      this.started.add(stepOf);
    } else type = handle instanceof TimerHandle ? 'timer' : 'callback';
    const event: Omit<RunEvent, 'seq'> = {
      kind: 'run',
      iteration: loop.iterations,
      time: loop.virtualNow(),
      handle: made.id,
      type,
      task: task?.get_name() ?? null,
      callback: handle._callback?.name ?? '',
      scheduledBy: made.by,
      ahead: [...this.ranThisIteration],
      prints: [this.printed, this.printed],
    };
    if (handle instanceof TimerHandle && type === 'timer') event.when = handle._when;
    const woken = handle._args?.[0];
    if (type === 'wakeup' && woken instanceof Task) event.wokenBy = woken.get_name();
    this.ranThisIteration.push(made.id);
    this.events.push(event);
    this.running.set(handle, event as RunEvent);
    this.current = handle;
  }

  handleRan(handle: Handle): void {
    const event = this.running.get(handle);
    this.running.delete(handle);
    this.current = null;
    if (!event) return;
    event.prints[1] = this.printed;
    const task = this.steps.get(handle._callback) ?? this.wakeups.get(handle._callback);
    if (task === undefined) return;
    if (task.done()) {
      event.taskDone = true;
      if (task.cancelled()) event.taskCancelled = true;
    }
    else {
      event.suspendedAt = null;
      if (task._fut_waiter instanceof Task) event.waitingFor = task._fut_waiter.get_name();
    }
  }

  taskMade(task: unknown): void {
    const t = task as Task<unknown>;
    const loop = t.get_loop() as BaseEventLoop;
    this.steps.set(t.__step_bound, t);
    this.wakeups.set(t.__wakeup_bound, t);
    this.created.set(this.events.length, t);
    this.events.push({ kind: 'create', iteration: loop.iterations, time: loop.virtualNow(), task: '', coro: asyncgenSteps.has(t.get_coro()) ? null : t.get_coro().__qualname__, by: this.taskNow(loop), line: null });
  }

  cancelCalled(task: unknown): void {
    const t = task as Task<unknown>;
    if (t.done()) return;
    const loop = t.get_loop() as BaseEventLoop;
    const running = loop.is_running();
    this.events.push({ kind: 'cancel', iteration: loop.iterations, time: loop.virtualNow(), task: t.get_name(), by: this.taskNow(loop), line: null, shutdown: !running });
  }

  print(entry: TraceEntry): void {
    this.printed++;
    this.events.push({ kind: 'print', line: null, task: entry.task });
  }

  /** Task names read at the end (`create_task(name=)` renames after creating), then numbered. */
  finish(): LoopEvent[] {
    return this.events.map((event, seq): LoopEvent => {
      const task = this.created.get(seq);
      if (event.kind === 'create' && task) return { ...event, task: task.get_name(), seq };
      return { ...event, seq };
    });
  }
}

/** Runs the program on the port with the event hooks on (one run at a time: the hooks are global). */
export async function runPortWithEvents(program: Program, clock: ClockModel = 'realistic'): Promise<EventedRun> {
  if (_loopEvents.hooks !== null) throw new Error('runPortWithEvents: another recorded run is in progress');
  const recorder = new PortRecorder();
  _loopEvents.hooks = recorder;
  try {
    const result = await executeOnPort(validateProgram(program), { clock, budget: DEFAULT_BUDGET, onPrint: (entry) => recorder.print(entry) });
    return { result, events: recorder.finish() };
  } finally {
    _loopEvents.hooks = null;
  }
}

/**
 * An event as both the oracle and the port can know it: without Python line numbers, where a
 * task stands suspended, callbacks' names (C and TypeScript name theirs differently) and
 * `seq`; undefined for what only CPython records (coroutines never awaited).
 */
export function comparableEvent(event: LoopEvent): Record<string, unknown> | undefined {
  switch (event.kind) {
    case 'run': {
      const { seq: _seq, callback: _callback, suspendedAt: _suspendedAt, scheduledBy, ...rest } = event;
      return { ...rest, scheduledBy: { ...scheduledBy, line: null } };
    }
    case 'create':
    case 'cancel':
    case 'print': {
      const { seq: _seq, line: _line, ...rest } = event;
      return rest;
    }
    case 'never-awaited':
      return undefined;
  }
}

/** The first event where the port's stream differs from CPython's (both as comparableEvent), or undefined. */
export function firstEventDifference(cpython: LoopEvent[], port: LoopEvent[]): { index: number; cpython?: LoopEvent; port?: LoopEvent } | undefined {
  const a = cpython.filter((e) => e.kind !== 'never-awaited');
  const b = port.filter((e) => e.kind !== 'never-awaited');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i] && comparableEvent(a[i])) !== JSON.stringify(b[i] && comparableEvent(b[i]))) return { index: i, cpython: a[i], port: b[i] };
  }
  return undefined;
}

/** One event in a few words (where two streams part). */
export function describeEvent(e: LoopEvent | undefined): string {
  if (!e) return 'nothing more';
  switch (e.kind) {
    case 'run':
      return `iteration ${e.iteration}, t=${e.time}: handle ${e.handle} runs (${e.type}${e.task ? ` of ${e.task}` : ''}, scheduled by ${e.scheduledBy.handle === null ? 'no handle' : `handle ${e.scheduledBy.handle}`}${e.scheduledBy.task ? ` in ${e.scheduledBy.task}` : ''})`;
    case 'create':
      return `iteration ${e.iteration}: ${e.by ?? 'asyncio.run'} creates ${e.task}`;
    case 'cancel':
      return `iteration ${e.iteration}: ${e.shutdown ? 'asyncio.run at shutdown' : (e.by ?? 'a callback')} cancels ${e.task}`;
    case 'print':
      return `${e.task ?? 'no task'} prints`;
    case 'never-awaited':
      return `${e.coro}() never awaited`;
  }
}
