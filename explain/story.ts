/**
 * The story of one run, told from the loop's own events (oracle/events.ts): every printed line
 * with its time, task, iteration and why that task ran then; the moments that decide the order
 * (a task yields to the loop at a line, a timer comes due, a wake-up); cancellations and who
 * asked; what `asyncio.run` cancels at shutdown; coroutines never awaited. Pure: events in,
 * sentences out, so the terminal, the HTML page, check-doc and lessons all tell the same story.
 */
import type { RunResult } from '../ir/program.ts';
import type { CancelEvent, CreateEvent, LoopEvent, NeverAwaitedEvent, PrintEvent, RunEvent } from '../oracle/events.ts';

export type SentenceKind = 'create' | 'run' | 'print' | 'yield' | 'finish' | 'timer' | 'cancel' | 'shutdown' | 'stop' | 'never-awaited' | 'outcome';

export interface Sentence {
  /** Index in the story (the HTML page's anchors). */
  id: number;
  kind: SentenceKind;
  text: string;
  /** The program's line it is about, when one. */
  line: number | null;
  task: string | null;
  iteration: number;
  time: number;
  /** The event it was told from (`seq`). */
  event: number | null;
  /** For a print: the trace index, and the sentence that says why its task ran then. */
  print?: number;
  because?: number;
}

export interface Story {
  sentences: Sentence[];
  /** Per trace entry, the id of its print sentence. */
  printSentences: number[];
}

/** Coroutines asyncio runs for itself (`asyncio.run`'s shutdown steps): not the program's. */
const ASYNCIO_OWN = /^(BaseEventLoop|Runner)\./;

/** A float as Python's repr prints it (both use the shortest round-trip spelling). */
export function formatTime(t: number): string {
  const s = String(t);
  return Number.isInteger(t) ? `${s}.0` : s;
}

/** `'text'` as Python's repr would quote a short printed line (without its newline). */
function quoted(text: string): string {
  return JSON.stringify(text.replace(/\n$/, ''));
}

/** Tells the story of `result` from `events`; `source` is the Python that ran (for quoting lines). */
export function tellStory(result: RunResult, events: LoopEvent[], source: string): Story {
  const lines = source.split('\n');
  const codeAt = (line: number | null | undefined): string => {
    const text = line ? lines[line - 1]?.trim() : undefined;
    return text ? `\`${text}\`` : '';
  };
  const at = (line: number | null | undefined): string => (line ? ` at line ${line}` : '');
  const coroOf = new Map<string, string>();
  const own = new Set<string>();
  for (const e of events) {
    if (e.kind === 'create' && e.coro) {
      coroOf.set(e.task, e.coro);
      if (ASYNCIO_OWN.test(e.coro)) own.add(e.task);
    }
  }
  const named = (task: string | null): string => (task === null ? 'a callback' : coroOf.has(task) ? `${task} (${coroOf.get(task)})` : task);
  const runs = new Map<number, RunEvent>();
  for (const e of events) if (e.kind === 'run') runs.set(e.handle, e);
  const labelOf = (handle: number): string => {
    const r = runs.get(handle);
    if (!r) return `handle ${handle}`;
    if (r.task) return `${r.task}'s ${r.type === 'first-step' ? 'first step' : r.type}`;
    return r.type === 'timer' ? `a timer (${r.callback})` : `callback ${r.callback}`;
  };

  const sentences: Sentence[] = [];
  const printSentences: number[] = [];
  const say = (s: Omit<Sentence, 'id'>): number => {
    sentences.push({ id: sentences.length, ...s });
    return sentences.length - 1;
  };
  const prints = events.filter((e): e is PrintEvent => e.kind === 'print');
  const lastSuspended = new Map<string, number | null>();
  /** Tasks with a cancellation not yet delivered (a wake-up delivers it). */
  const cancelledBy = new Map<string, CancelEvent>();
  let printIndex = 0;
  let stopTold = false;
  /** The sentence of the handle running now (a print's "because"). */
  let currentRun: number | null = null;
  /** What a task's step ended with, told once what happened during the step is told. */
  let afterStep: (() => void) | undefined;
  const afterRun: Array<() => void> = [];
  const flushAfterStep = (): void => {
    afterRun.splice(0).forEach((f) => f());
    afterStep?.();
    afterStep = undefined;
  };
  const tellPrints = (upTo: number, because: number | null, iteration: number, time: number): void => {
    for (; printIndex < upTo && printIndex < result.trace.length; printIndex++) {
      const entry = result.trace[printIndex];
      const line = prints[printIndex]?.line ?? null;
      const who = entry.task ?? 'the module (no task)';
      const id = say({
        kind: 'print',
        text: `line ${line ?? '?'} prints ${quoted(entry.text)} at t=${formatTime(entry.time)}, iteration ${entry.iteration}, in ${who}`,
        line,
        task: entry.task,
        iteration: entry.iteration ?? iteration,
        time: entry.time ?? time,
        event: prints[printIndex]?.seq ?? null,
        print: printIndex,
        ...(because === null ? {} : { because }),
      });
      printSentences.push(id);
    }
  };

  for (const e of events) {
    switch (e.kind) {
      case 'create':
        tellCreate(e);
        break;
      case 'run':
        flushAfterStep();
        tellRun(e);
        break;
      case 'cancel':
        tellCancel(e);
        break;
      case 'never-awaited':
        tellNeverAwaited(e);
        break;
      case 'print':
        tellPrints(printIndex + 1, currentRun, 0, 0);
        break;
    }
  }
  flushAfterStep();
  tellPrints(result.trace.length, null, 0, 0); // prints the recorder did not see (none, normally)
  const o = result.outcome;
  const end = o.kind === 'ok' ? 'the program ends normally' : o.kind === 'exception' ? `the program ends with ${o.type}: ${o.message}` : `the run is stopped: ${o.kind}`;
  say({ kind: 'outcome', text: `${end} (t=${formatTime(result.endTime)}, ${result.iterations} iterations)`, line: null, task: null, iteration: result.iterations, time: result.endTime, event: null });
  return { sentences, printSentences };

  function tellCreate(e: CreateEvent): void {
    if (own.has(e.task)) return;
    const what = `${e.task} for ${e.coro ?? 'a coroutine'}()`;
    const text =
      e.by === null
        ? `asyncio.run${at(e.line)} creates ${what}: its first step is queued with call_soon`
        : `${named(e.by)} creates ${what}${at(e.line)}: its first step is queued with call_soon and runs in a later iteration, after everything already in the ready queue`;
    say({ kind: 'create', text, line: e.line, task: e.task, iteration: e.iteration, time: e.time, event: e.seq });
  }

  function why(e: RunEvent): string {
    const by = e.scheduledBy;
    const task = e.task as string;
    switch (e.type) {
      case 'first-step':
        return `${named(task)} runs its first step: queued when ${by.task === null ? 'asyncio.run' : by.task} created it${at(by.line)} in iteration ${by.iteration}`;
      case 'step':
        return `${named(task)} resumes: it yielded to the loop with a bare yield${at(lastSuspended.get(task))} ${codeAt(lastSuspended.get(task))} in iteration ${by.iteration}, which costs exactly one iteration`;
      case 'wakeup': {
        const source = by.handle === null ? undefined : runs.get(by.handle);
        if (e.wokenBy) return `${named(task)} wakes up: ${named(e.wokenBy)}, which it awaited, finished in iteration ${by.iteration}; the wake-up is a done callback, so it runs one iteration later`;
        if (source?.type === 'timer') {
          return `${named(task)} wakes up: the timer set${at(source.scheduledBy.line)} ${codeAt(source.scheduledBy.line)} came due in iteration ${source.iteration} (deadline t=${formatTime(source.when ?? source.time)}); the wake-up runs one iteration after the timer`;
        }
        const cancel = cancelledBy.get(task);
        if (cancel) return `${named(task)} wakes up to its cancellation: ${cancel.shutdown ? 'asyncio.run cancelled it at shutdown' : `${cancel.by ?? 'a callback'} cancelled it${at(cancel.line)}`}, which cancelled the future it awaited`;
        if (source?.task) return `${named(task)} wakes up: ${named(source.task)} completed the future it awaited${at(by.line)} in iteration ${by.iteration}`;
        return `${named(task)} wakes up: the future it awaited was completed in iteration ${by.iteration}`;
      }
      default:
        return '';
    }
  }

  function tellRun(e: RunEvent): void {
    const userTask = e.task !== null && !own.has(e.task);
    const printed = e.prints[1] > e.prints[0];
    currentRun = null;
    if (userTask && e.type !== 'first-step') afterRun.push(() => cancelledBy.delete(e.task as string));
    const ahead = e.ahead.length ? `; ahead of it in the ready queue this iteration: ${e.ahead.map(labelOf).join(', ')}` : '';
    let runId: number | null = null;
    if (userTask) {
      runId = say({ kind: 'run', text: `${why(e)}${ahead}`, line: e.scheduledBy.line, task: e.task, iteration: e.iteration, time: e.time, event: e.seq });
    } else if (e.type === 'timer' && e.scheduledBy.task !== null && !own.has(e.scheduledBy.task)) {
      runId = say({
        kind: 'timer',
        text: `the timer ${e.scheduledBy.task} set${at(e.scheduledBy.line)} ${codeAt(e.scheduledBy.line)} comes due (deadline t=${formatTime(e.when ?? e.time)}): ${e.callback}`,
        line: e.scheduledBy.line,
        task: null,
        iteration: e.iteration,
        time: e.time,
        event: e.seq,
      });
    } else if (e.callback.endsWith('_run_until_complete_cb')) {
      if (stopTold) return;
      stopTold = true;
      say({
        kind: 'stop',
        text: `the main task is done: asyncio.run's stop callback runs, so the loop stops at the end of iteration ${e.iteration}; whatever is still pending is cancelled next`,
        line: null,
        task: null,
        iteration: e.iteration,
        time: e.time,
        event: e.seq,
      });
    } else if (printed || (e.task === null && e.scheduledBy.line !== null && !own.has(e.scheduledBy.task ?? ''))) {
      runId = say({
        kind: 'run',
        text: `callback ${e.callback} runs, scheduled by ${e.scheduledBy.task ?? 'a callback'}${at(e.scheduledBy.line)} in iteration ${e.scheduledBy.iteration}${ahead}`,
        line: e.scheduledBy.line,
        task: e.task,
        iteration: e.iteration,
        time: e.time,
        event: e.seq,
      });
    }
    currentRun = runId;
    if (!userTask) return;
    afterStep = () => tellStepEnd(e);
  }

  function tellStepEnd(e: RunEvent): void {
    const task = e.task as string;
    if (e.taskDone) {
      const how = e.taskCancelled ? ', cancelled: the CancelledError ended it' : '';
      say({ kind: 'finish', text: `${named(task)} finishes${how}`, line: null, task, iteration: e.iteration, time: e.time, event: e.seq });
    } else {
      lastSuspended.set(task, e.suspendedAt ?? null);
      const waiting = e.waitingFor ? `, waiting for ${named(e.waitingFor)}` : '';
      say({
        kind: 'yield',
        text: `${named(task)} yields to the loop${at(e.suspendedAt)} ${codeAt(e.suspendedAt)}${waiting}`.replace(/ +$/, ''),
        line: e.suspendedAt ?? null,
        task,
        iteration: e.iteration,
        time: e.time,
        event: e.seq,
      });
    }
  }

  function tellCancel(e: CancelEvent): void {
    cancelledBy.set(e.task, e);
    if (own.has(e.task)) return;
    const text = e.shutdown
      ? `asyncio.run cancels ${named(e.task)} at shutdown: the main task returned while it was still pending`
      : `${e.by === null ? 'a callback' : named(e.by)} cancels ${named(e.task)}${at(e.line)}`;
    say({ kind: e.shutdown ? 'shutdown' : 'cancel', text, line: e.line, task: e.task, iteration: e.iteration, time: e.time, event: e.seq });
  }

  function tellNeverAwaited(e: NeverAwaitedEvent): void {
    say({
      kind: 'never-awaited',
      text: `the coroutine ${e.coro}() created${at(e.line)} was never awaited: its body never ran`,
      line: e.line,
      task: null,
      iteration: result.iterations,
      time: result.endTime,
      event: e.seq,
    });
  }
}
