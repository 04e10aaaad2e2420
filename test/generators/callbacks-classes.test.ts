/**
 * The `callbacks` and `classes` feature modules (generators/_internals/features/callbacks.ts,
 * classes.ts): every form shows, the programs run cleanly and deterministically on CPython
 * (nothing a callback prints is left for `asyncio.run`'s shutdown), read back through the
 * importer, and `check` finds no difference on the port under either clock.
 */
import { describe, expect, it } from 'vitest';
import { samplePrograms, type ProgramConstraints } from '../../generators/index.ts';
import type { Program, Stmt } from '../../ir/program.ts';
import { isFailure } from '../../compare/verdict.ts';
import { printPython } from '../../ir/python.ts';
import { check } from '../../lib/index.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { runTwiceOnOracle } from './_support/cpython.ts';
import { expectAllRunCleanly, expectMeaningfulUniqueLabels } from './_support/programs.ts';

/** Pinned on, with the task and sleep features they act on; the others still drawn (swarm). */
const CALLBACKS_ON: ProgramConstraints = { features: { callbacks: true, createTask: true, awaitTask: true, sleep: true } };
const CLASSES_ON: ProgramConstraints = { features: { classes: true, createTask: true, sleep: true } };
const BOTH_ON: ProgramConstraints = { features: { callbacks: true, classes: true } };

function randomSeed(what: string): number {
  const seed = Date.now() % 1_000_000_007;
  console.log(`${what}: random seed ${seed}`);
  return seed;
}

const sources = (programs: Program[]): string => programs.map(printPython).join('\n');

/** The program with `print('main:end')` as main's last statement. */
function withFinalPrint(program: Program): Program {
  const end: Stmt = { kind: 'expr', expr: { kind: 'builtin', func: 'print', args: [{ kind: 'str', value: 'main:end' }], keywords: [] } };
  return { ...program, functions: program.functions.map((f) => (f.name === 'main' ? { ...f, body: [...f.body, end] } : f)) };
}

describe('the forms all show', () => {
  it('callbacks (seed 42): call_soon, call_later, call_at, ties, partial and lambda callbacks, cancelled handles, done callbacks, futures', () => {
    const text = sources(samplePrograms({ seed: 42, count: 300, constraints: CALLBACKS_ON }));
    for (const form of [
      '= asyncio.get_running_loop()', ".call_soon(cb", ".call_later(", ".time() + ", "functools.partial(cb", "'tie')", 'lambda: cb',
      '.cancel()', '.call_soon(h', "'soon cancelled')", '.add_done_callback(on_done', '.remove_done_callback(on_done', "'raised', repr(t.exception())",
      '.create_future()', '.set_result, ', 'functools.partial(fut', '.set_exception, ValueError(', '.cancel)', 'except asyncio.CancelledError:',
      '.done() or fut', "'never')", 'await done', "'late', f.result()",
    ]) {
      expect(text, form).toContain(form);
    }
  });

  it('classes (seed 42): class attribute, __init__, async run, property, __repr__, subclass with super(), tasks of methods, a worker awaited in a method', () => {
    const text = sources(samplePrograms({ seed: 42, count: 300, constraints: CLASSES_ON }));
    for (const form of [
      'made = 0', 'def __init__(self, name, step):', 'async def run(self, n):', '@property', 'def __repr__(self):', '(Counter_',
      'super().__init__(name, step + 1)', 'await super().run(n)', '= asyncio.create_task(a', '.run(', 'self.log.append(await worker',
    ]) {
      expect(text, form).toContain(form);
    }
  });
});

describe('programs with callbacks and classes on', () => {
  /** The default features plus these (swarm off: nothing raises on purpose, so every run must end cleanly). */
  const clean = (features: ProgramConstraints['features']): ProgramConstraints => ({ swarm: false, features });

  it('seed 42 and a random seed: 300 programs run cleanly and deterministically on CPython, with unique labels, and read back', async () => {
    const programs = [
      ...samplePrograms({ seed: 42, count: 100, constraints: clean({ callbacks: true }) }),
      ...samplePrograms({ seed: 42, count: 100, constraints: clean({ classes: true }) }),
      ...samplePrograms({ seed: randomSeed('callbacks and classes on CPython'), count: 100, constraints: clean({ callbacks: true, classes: true, cancelAwait: true }) }),
    ];
    expectMeaningfulUniqueLabels(programs);
    const { totalLines } = await expectAllRunCleanly(programs);
    expect(totalLines / programs.length).toBeGreaterThan(3);
    const oracle = await sharedOracle();
    await Promise.all(programs.map((p) => oracle.importSource(printPython(p), 'generated.py')));
  }, 180_000);

  it('every callback prints before main returns (seed 42): a last print appended to main comes after every line no task printed', async () => {
    // Callbacks run outside any task (trace task null); printing ones are scheduled only where main's
    // task waits for them (the cover), so none is left for asyncio.run's shutdown.
    const programs = samplePrograms({ seed: 42, count: 150, constraints: CALLBACKS_ON }).map(withFinalPrint);
    const runs = await runTwiceOnOracle(programs);
    let callbackLines = 0;
    for (const [i, r] of runs.entries()) {
      if (isFailure(r.result) || r.result.outcome.kind !== 'ok') continue;
      const trace = r.result.trace;
      const end = trace.findIndex((t) => t.text === "main:end\n");
      expect(end, printPython(programs[i])).toBeGreaterThanOrEqual(0);
      const late = trace.slice(end + 1).filter((t) => t.task === null);
      expect(late, printPython(programs[i])).toEqual([]);
      callbackLines += trace.filter((t) => t.task === null).length;
    }
    expect(callbackLines).toBeGreaterThan(40);
  }, 120_000);

  it('check on the port, seed 42 on both clocks: no difference', async () => {
    for (const clock of ['realistic', 'ideal'] as const) {
      for (const constraints of [CALLBACKS_ON, CLASSES_ON]) {
        const report = await check({ runs: 100, seed: 42, target: 'port', clock, constraints, workers: 2 });
        expect(report.outcomes, clock).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
      }
    }
  }, 180_000);

  it('check on the port, a random seed: no difference', async () => {
    const report = await check({ runs: 100, seed: randomSeed('check with callbacks and classes'), target: 'port', constraints: BOTH_ON, workers: 2 });
    expect(report.outcomes).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
  }, 120_000);
});
