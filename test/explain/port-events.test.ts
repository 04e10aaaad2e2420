/**
 * The port's loop events (explain/port-events.ts, through the port's `_loopEvents` hooks) equal
 * the oracle's (the worker's event recorder) on generated programs, seed 42 and a random seed:
 * the same handles in the same order, of the same kinds, for the same tasks, at the same
 * iterations and virtual times (to the bit), scheduled by the same handles and tasks; the same
 * task creations, cancellations (and who asked) and prints. Left out: what only CPython knows
 * (Python line numbers, where a task stands suspended, callbacks' names, coroutines never awaited).
 *
 * One known difference is compared as a multiset instead of in order: what `asyncio.run` does
 * after its first shutdown cancellation. `_cancel_all_tasks` walks `all_tasks()`, a set that
 * CPython orders by the tasks' addresses and the port by creation (port/tasks.ts all_tasks), so
 * the cancellations, and the wake-ups they schedule, come in another order (and the handles that
 * carry them get other numbers). `TaskGroup._abort` walks a set as well (`self._tasks`): from the
 * first time two tasks are cancelled in one iteration by the same caller, the events are compared
 * that way too, and without saying which task's callback scheduled a handle (whichever cancelled
 * child ended first). Everything up to that point is compared event for event.
 *
 * What comes from `shutdown_asyncgens` on is not compared, only reached on both sides: CPython
 * closes there every async generator its WeakSet still holds, finished ones too, and a finished
 * one is still held while a reference cycle keeps its frame alive (a TaskGroup's ExceptionGroup
 * and the `__aexit__` frame that raised it) until the cycle collector runs, whenever allocations
 * make it run. Those aclose tasks and the iterations they take are CPython's GC timing, not the
 * program's: nothing the program prints can see them.
 */
import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { explainProgram } from '../../explain/explain.ts';
import { comparableEvent, runPortWithEvents } from '../../explain/port-events.ts';
import { withMutation } from '../../port/_mutations.ts';
import { samplePrograms } from '../../generators/index.ts';
import type { Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { runWithEvents, type LoopEvent } from '../../oracle/events.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { SEED_TUTORIAL } from './_seed.ts';

const comparable = comparableEvent;

async function sameEvents(program: Program): Promise<void> {
  const oracle = await sharedOracle();
  const source = printPython(program);
  const [cpython, port] = await Promise.all([runWithEvents(oracle, source, { filename: program.header?.source ?? 'program.py' }), runPortWithEvents(program)]);
  expect(port.result.trace).toEqual(cpython.result.trace);
  const expected = phases(cpython.events);
  const actual = phases(port.events);
  expect(expected.inOrder.length).toBeGreaterThan(0);
  expect(actual.inOrder, `events of\n${source}`).toEqual(expected.inOrder);
  expect(actual.shutdown, `shutdown events of\n${source}`).toEqual(expected.shutdown);
}

/** Where `asyncio.run` starts closing async generators: the events from there on are CPython's GC timing (see above). */
const isShutdownAsyncgens = (e: LoopEvent): boolean => e.kind === 'create' && e.coro === 'BaseEventLoop.shutdown_asyncgens';

/** Two cancellations in one iteration by one caller: a walk over a set of tasks (asyncio.run's shutdown, a TaskGroup's abort). */
const walksASet = (events: LoopEvent[], k: number): boolean => {
  const [a, b] = [events[k], events[k + 1]];
  if (a.kind !== 'cancel') return false;
  return a.shutdown || (b?.kind === 'cancel' && b.iteration === a.iteration && b.by === a.by);
};

/**
 * The events before the first walk over a set of tasks in order; after it, a sorted multiset without handle numbers,
 * up to shutdown_asyncgens (whose creation both sides must reach).
 */
function phases(events: LoopEvent[]): { inOrder: unknown[]; shutdown: string[] } {
  const reached = events.findIndex(isShutdownAsyncgens);
  expect(reached, 'asyncio.run reaches shutdown_asyncgens').toBeGreaterThanOrEqual(0);
  const known = events.slice(0, reached + 1).filter((e) => e.kind !== 'never-awaited');
  const cut = known.findIndex((_e, k) => walksASet(known, k));
  const before = cut === -1 ? known : known.slice(0, cut);
  const after = cut === -1 ? [] : known.slice(cut);
  const unnumbered = (e: LoopEvent): string => {
    const c = comparable(e) as Record<string, unknown>;
    if (e.kind !== 'run') return JSON.stringify(c);
    return JSON.stringify({ ...c, handle: null, ahead: null, scheduledBy: { ...(c.scheduledBy as object), handle: null, task: null } });
  };
  return { inOrder: before.map(comparable), shutdown: after.map(unnumbered).sort() };
}

it('the seed tutorial: the same events on the port as on CPython', async () => {
  const oracle = await sharedOracle();
  await sameEvents(await importPythonSource(SEED_TUTORIAL, 'seed.py', oracle));
});

it('generated programs, seed 42: the port records the events CPython does', async () => {
  for (const program of samplePrograms({ seed: 42, count: 25 })) await sameEvents(program);
});

it('generated programs, a random seed: the port records the events CPython does', async () => {
  const seed = Number(process.env.PORT_EVENTS_SEED ?? randomInt(1, 2 ** 31 - 1));
  console.log(`port events seed: ${seed} (PORT_EVENTS_SEED=${seed} replays it)`);
  for (const program of samplePrograms({ seed, count: 25 })) await sameEvents(program);
});

it("explain --target port names the first event where a port's scheduler parts from CPython's (the syncDoneCallbacks simplification)", async () => {
  const oracle = await sharedOracle();
  const program = await importPythonSource(SEED_TUTORIAL, 'seed.py', oracle);
  const faithful = await explainProgram({ oracle, program, beside: 'port' });
  expect(faithful.beside?.eventParting).toBeUndefined();
  expect(faithful.beside?.parting).toBeUndefined();
  const simplified = await withMutation('syncDoneCallbacks', () => explainProgram({ oracle, program, beside: 'port' }));
  // The timer's future wakes Task-2 at once, inside the timer's handle: CPython runs a wake-up handle next.
  expect(simplified.beside?.eventParting).toMatchObject({ cpython: expect.stringContaining('(wakeup of Task-2, scheduled by handle 4)') });
  expect(simplified.beside?.eventParting?.port).not.toContain('(wakeup of Task-2, scheduled by handle 4)');
});
