/**
 * The worker's event recorder (`events: true`, oracle/events.ts): it records what the loop did
 * and changes nothing about the run. Checked on the seed tutorial by hand, and on generated
 * programs: the trace and outcome with events equal those without, and the events agree with
 * the trace (every print falls inside the handle that ran its task, at its time and iteration).
 */
import { expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { runWithEvents, type RunEvent } from '../../oracle/events.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { SEED_TUTORIAL } from '../explain/_seed.ts';


it('the seed tutorial: the handles _run_once ran, why, and who scheduled them', async () => {
  const oracle = await sharedOracle();
  const { result, events } = await runWithEvents(oracle, SEED_TUTORIAL);
  expect(result.trace.map((t) => t.text)).toEqual(['shav\n', 'text\n', 'finished\n']);
  expect(events[0]).toMatchObject({ kind: 'create', task: 'Task-1', coro: 'main', line: 16 });
  expect(events[3]).toMatchObject({ kind: 'create', task: 'Task-2', coro: 'count', by: 'Task-1', line: 11 });
  const runs = events.filter((e): e is RunEvent => e.kind === 'run');
  const brief = runs.slice(0, 6).map((e) => [e.type, e.task, e.iteration, e.scheduledBy.line]);
  expect(brief).toEqual([
    ['first-step', 'Task-1', 1, 16],
    ['first-step', 'Task-2', 2, 11],
    ['timer', null, 3, 6],
    ['wakeup', 'Task-2', 4, null],
    ['timer', null, 5, 12],
    ['wakeup', 'Task-1', 6, null],
  ]);
  expect(runs[0]).toMatchObject({ prints: [0, 1], suspendedAt: 12 });
  expect(events.filter((e) => e.kind === 'print').map((e) => [e.line, e.task])).toEqual([[10, 'Task-1'], [5, 'Task-2'], [13, 'Task-1']]);
  expect(runs[5]).toMatchObject({ prints: [2, 3], taskDone: true });
  expect(runs[4].when).toBeCloseTo(2, 5);
});

it('cancellations name who asked (a cancelled task is done by shutdown); asyncio.run cancels the rest; unawaited coroutines', async () => {
  const oracle = await sharedOracle();
  const source = [
    'import asyncio',
    'async def forever():',
    '    await asyncio.sleep(10)',
    'async def main():',
    '    a = asyncio.create_task(forever())',
    '    b = asyncio.create_task(forever())',
    '    forever()',
    '    await asyncio.sleep(0)',
    '    a.cancel()',
    '    print("bye")',
    'asyncio.run(main())',
    '',
  ].join('\n');
  const { events } = await runWithEvents(oracle, source);
  const cancels = events.filter((e) => e.kind === 'cancel');
  expect(cancels.map((e) => [e.task, e.by, e.line, e.shutdown])).toEqual([
    ['Task-2', 'Task-1', 9, false],
    ['Task-3', null, null, true],
  ]);
  expect(events.filter((e) => e.kind === 'never-awaited')).toMatchObject([{ coro: 'forever', line: 7 }]);
});

it('recording changes nothing: 25 generated programs (seed 42) print the same with and without events', async () => {
  const oracle = await sharedOracle();
  // Off: what reads or moves the clock inside one handle, so that a print after it is later than its run's start
  // (`time.sleep(d)`; `loop.call_later`/`call_at`/`loop.time()` under the realistic clock; a timeout's deadline).
  const clockInHandle = { blockingSleep: false, callbacks: false, timeouts: false, uncancel: false, taskGroups: false };
  for (const program of samplePrograms({ seed: 42, count: 25, constraints: { features: clockInHandle } })) {
    const source = printPython(program);
    const [plain, evented] = await Promise.all([oracle.run(source), runWithEvents(oracle, source)]);
    expect(evented.result).toEqual(plain);
    const runs = evented.events.filter((e): e is RunEvent => e.kind === 'run');
    plain.trace.forEach((entry, index) => {
      const owner = runs.find((e) => e.prints[0] <= index && index < e.prints[1]);
      if (entry.iteration === 0) return; // printed before asyncio.run started its loop
      expect(owner, `print ${index} of ${JSON.stringify(entry)}`).toBeDefined();
      expect([owner?.iteration, owner?.time]).toEqual([entry.iteration, entry.time]);
    });
  }
});
