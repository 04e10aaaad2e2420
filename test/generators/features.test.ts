/**
 * The feature modules of generators/_internals/features/ (cancellation, self-cancellation,
 * closures, containers, blocking `time.sleep`/`time.monotonic`, seeded `random`, async
 * generators, context managers, waiters on
 * locks, events, conditions, semaphores and queues, whose forms sync.test.ts lists): each
 * appears in a default (swarm) run without crowding out the others, the programs run
 * cleanly and deterministically on CPython and read back through the importer, `check`
 * finds no difference on the port, and every candidate the shrinker tries stays valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { programArbitrary, samplePrograms, type ProgramConstraints } from '../../generators/index.ts';
import { FEATURE_MODULES } from '../../generators/_internals/features/index.ts';
import type { Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { check } from '../../lib/index.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { expectAllRunCleanly, expectMeaningfulUniqueLabels } from './_support/programs.ts';

/** Every module's feature on, with the task features they act on; swarm off so none is drawn away. */
const MODULES_ON: ProgramConstraints = {
  swarm: false,
  features: { ...Object.fromEntries(FEATURE_MODULES.map((m) => [m.feature, true])), createTask: true, awaitTask: true, sleep: true },
};
/** The same, pinned on, with the other features still drawn (swarm). */
const MODULES_PINNED: ProgramConstraints = { features: MODULES_ON.features };

function randomSeed(what: string): number {
  const seed = Date.now() % 1_000_000_007;
  console.log(`${what}: random seed ${seed}`);
  return seed;
}

function counts(programs: Program[]): Record<string, number> {
  const sources = programs.map(printPython);
  return Object.fromEntries(FEATURE_MODULES.map((m) => [m.feature, sources.filter((s) => m.appearsIn(s)).length]));
}

describe('feature modules in a default (swarm) run', () => {
  it.each([
    ['seed 42', 42],
    ['random seed', randomSeed('feature coverage')],
  ])('%s: each appears in at least 10 of 400 programs and in at most 60 %%', (_, seed) => {
    const found = counts(samplePrograms({ seed, count: 400 }));
    for (const [feature, n] of Object.entries(found)) {
      expect(n, feature).toBeGreaterThanOrEqual(10); // selfCancel, only in main's task and with sleep on, shows in about 6 %
      expect(n, feature).toBeLessThanOrEqual(240);
    }
  });

  it('a feature switched off never shows', () => {
    const off = Object.fromEntries(FEATURE_MODULES.map((m) => [m.feature, false]));
    const found = counts(samplePrograms({ seed: 42, count: 200, constraints: { features: { ...off, cancel: false, taskMethods: false } } }));
    for (const [feature, n] of Object.entries(found)) expect(n, feature).toBe(0);
  });

  it('the cancellation forms all show: cancel of sleeping and finished tasks, each handler, cancel() printed twice', () => {
    const sources = samplePrograms({ seed: 42, count: 300, constraints: MODULES_ON }).map(printPython).join('\n');
    for (const form of ["'cancelled', t", "'inner', t", "'outer', repr(o", 'except BaseException as e', 'pass', '.cancel(), t', 'asyncio.current_task().cancel()']) {
      expect(sources, form).toContain(form);
    }
    for (const form of ['nonlocal count', 'lambda x, q', 'lambda x: x + q', 'functools.partial(scale', 'functools.partial(worker', ', n=', 'for cb']) {
      expect(sources, form).toContain(form);
    }
    for (const form of ["{f'w{x", '.items():', 'sorted(', " | b", "s\\d+ = {'"]) expect(sources.includes(form) || new RegExp(form).test(sources), form).toBe(true);
    for (const form of ['time.sleep(', 'time.monotonic() - start', 'random.seed(', 'random.shuffle(', 'random.sample(', 'asyncio.sleep(random.choice(']) {
      expect(sources, form).toContain(form);
    }
  });

  it('the async generator and context manager forms all show in a default run (swarm draws them)', () => {
    const sources = samplePrograms({ seed: 42, count: 400 }).map(printPython).join('\n');
    // async for to the end or to a break then aclose(), comprehensions (filtered), anext and its default, the kept generator, finally prints
    for (const form of ['async for x', 'break\n', '.aclose()', ' async for x', 'if x', 'await anext(g', ', None)', 'kept.append(g', 'kept = []', "'closed', n)"]) {
      expect(sources, form).toContain(form);
    }
    // classes with __aenter__/__aexit__ and __enter__/__exit__, contextlib generators, suppression, re-raise, raising bodies caught after
    for (const form of ['async with ACtx_', 'with SCtx_', 'async with acm_', 'with cm_', '@contextlib.asynccontextmanager', '@contextlib.contextmanager', 'async def __aexit__(self, exc_type, exc, tb):', 'def __exit__(self, exc_type, exc, tb):', 'return isinstance(exc, ValueError)', 'raise\n', "raise ValueError('", "raise RuntimeError('"]) {
      expect(sources, form).toContain(form);
    }
  });
});

describe('programs with every feature module on', () => {
  it('seed 42 and a random seed: 200 programs run cleanly and deterministically on CPython, with unique labels, and read back', async () => {
    const programs = [
      ...samplePrograms({ seed: 42, count: 100, constraints: MODULES_ON }),
      ...samplePrograms({ seed: randomSeed('modules on CPython'), count: 100, constraints: MODULES_ON }),
    ];
    expectMeaningfulUniqueLabels(programs);
    const { totalLines } = await expectAllRunCleanly(programs);
    expect(totalLines / programs.length).toBeGreaterThan(3);
    const oracle = await sharedOracle();
    await Promise.all(programs.map((p) => oracle.importSource(printPython(p), 'generated.py')));
  }, 120_000);

  it('check on the port, seed 42 on both clocks: no difference', async () => {
    for (const clock of ['realistic', 'ideal'] as const) {
      const report = await check({ runs: 100, seed: 42, target: 'port', clock, constraints: MODULES_PINNED, workers: 2 });
      expect(report.outcomes, clock).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
    }
  }, 120_000);

  it('check on the port, a random seed: no difference', async () => {
    const report = await check({ runs: 100, seed: randomSeed('check with modules'), target: 'port', constraints: MODULES_PINNED, workers: 2 });
    expect(report.outcomes).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
  }, 120_000);
});

describe('shrinking keeps programs with the feature modules valid', () => {
  it('every candidate the shrinker tries runs cleanly on CPython and reads back', async () => {
    const candidates = new Map<string, Program>();
    const failing = [
      (source: string) => source.includes('CancelledError') && source.includes('await t'),
      (source: string) => source.includes('nonlocal') || source.includes('functools.partial'),
      (source: string) => source.includes('random.') && source.includes('time.'),
      (source: string) => /\{f'w\{x\d+\}'/.test(source),
      (source: string) => source.includes('kept.append(') || source.includes('async with acm_'),
      (source: string) => /= asyncio\.(Condition|Semaphore|BoundedSemaphore|PriorityQueue|LifoQueue)\(/.test(source) && source.includes('create_task('),
    ];
    for (let run = 0; run < 8; run++) {
      fc.check(
        fc.property(programArbitrary(MODULES_ON), (program) => {
          const source = printPython(program);
          candidates.set(source, program);
          return !failing[run % failing.length](source);
        }),
        { seed: 42 + run, numRuns: 100 },
      );
    }
    const programs = [...candidates.values()].slice(-300);
    expect(programs.length).toBeGreaterThan(100);
    expectMeaningfulUniqueLabels(programs);
    await expectAllRunCleanly(programs);
    const oracle = await sharedOracle();
    await Promise.all([...candidates.keys()].slice(-300).map((source) => oracle.importSource(source, 'shrunk.py')));
  }, 180_000);
});
