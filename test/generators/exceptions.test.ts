/**
 * The exception features of the generator (issue 8 item 10: tryExcept, raiseInTask,
 * exceptionAcrossAwait) and swarm testing: `check` on the port finds no difference with them
 * on, a default run exercises every feature without any one crowding out the rest, and
 * shrinking keeps programs valid (they print, read back and run on CPython as generated).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, programArbitrary, samplePrograms, type ProgramConstraints, type ProgramFeatures } from '../../generators/index.ts';
import type { Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { check } from '../../lib/index.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { runTwiceOnOracle } from './_support/cpython.ts';
import { expectMeaningfulUniqueLabels } from './_support/programs.ts';

const EXCEPTIONS_ON: ProgramConstraints = { features: { tryExcept: true, raiseInTask: true, exceptionAcrossAwait: true } };

/** How each feature shows in a printed program (the forms generators/_internals/lower.ts writes). */
const SIGNS: Record<keyof ProgramFeatures, RegExp> = {
  createTask: /t\d+ = asyncio\.create_task\(/,
  awaitTask: /await t\d+/,
  awaitCoroutine: /await worker\d+\(/,
  sleep: /asyncio\.sleep\(/,
  forLoop: /for i in range\(/,
  returnValue: /^ {4}return /m,
  unawaitedTask: /^ +asyncio\.create_task\(/m,
  unawaitedCoroutine: /c\d+ = worker\d+\(/,
  gather: /v\d+ = await asyncio\.gather\(/,
  taskMethods: /\.done\(\), /,
  cancel: /\.cancel\(\)/,
  tryExcept: /except [^:]+ as e\d+:\n +print\('\w+:\d+', type\(e\d+\)\.__name__, e\d+\)/,
  raiseInTask: /raise (ValueError|RuntimeError)\('\w+:\d+'(, \w+)?\)$/m,
  exceptionAcrossAwait: /repr\(e\d+\.__cause__\)/,
  cancelAwait: /print\('[\w:]+', t\d+\.cancel\(\)/,
  selfCancel: /asyncio\.current_task\(\)\.cancel\(\)/,
  closures: /nonlocal|lambda|functools\.partial|^ {8}def /m,
  containers: /\b(res|d|s|a|xs)\d+ = [{[]/,
  blockingSleep: /time\.sleep\(|time\.monotonic\(\)/,
  seededRandom: /random\./,
  asyncGenerators: /async def agen\d+\(n\):/,
  contextManagers: /^ +(async )?with (ACtx|SCtx|acm|cm)_\w+\(/m,
  syncPrimitives: /= asyncio\.(Event|Lock|Condition|Semaphore|BoundedSemaphore)\(/,
  queues: /= asyncio\.(Queue|PriorityQueue|LifoQueue)\(/,
  timeouts: /asyncio\.(timeout|timeout_at|wait_for)\(/,
  taskGroups: /asyncio\.TaskGroup\(\)/,
  uncancel: /asyncio\.current_task\(\)\.(cancelling|uncancel)\(\)/,
  callbacks: /\.call_soon\(|\.call_later\(|\.call_at\(|\.add_done_callback\(|\.create_future\(\)/,
  classes: /^class \w+/m,
};

function featureCounts(programs: Program[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const sources = programs.map(printPython);
  for (const [feature, sign] of Object.entries(SIGNS)) counts[feature] = sources.filter((s) => sign.test(s)).length;
  return counts;
}

function randomSeed(what: string): number {
  const seed = Date.now() % 1_000_000_007;
  console.log(`${what}: random seed ${seed}`);
  return seed;
}

describe('swarm testing (the default)', () => {
  it('the signs cover every feature the generator knows', () => {
    expect(Object.keys(SIGNS).sort()).toEqual(Object.keys(DEFAULT_FEATURES).sort());
  });

  it.each([
    ['seed 42', 42],
    ['random seed', randomSeed('swarm coverage')],
  ])('%s: a default run of 600 exercises every feature in at least 5 programs, none in more than 360', (_, seed) => {
    // 600, not 400: with the feature modules (features/) a task feature such as taskMethods shows in about 2 %.
    const programs = samplePrograms({ seed, count: 600 });
    const counts = featureCounts(programs);
    for (const [feature, n] of Object.entries(counts)) {
      expect(n, feature).toBeGreaterThanOrEqual(5);
      expect(n, feature).toBeLessThanOrEqual(360);
    }
    // Programs differ in which features they use: swarm's point.
    const subsets = new Set(programs.map(printPython).map((s) => Object.entries(SIGNS).filter(([, sign]) => sign.test(s)).map(([f]) => f).join(',')));
    expect(subsets.size).toBeGreaterThan(100);
  });

  it('a listed feature is pinned: off never shows, on shows far more often than drawn', () => {
    const off = featureCounts(samplePrograms({ seed: 42, count: 200, constraints: { features: { tryExcept: false, raiseInTask: false } } }));
    expect(off.tryExcept).toBe(0);
    expect(off.raiseInTask).toBe(0);
    const drawn = featureCounts(samplePrograms({ seed: 42, count: 200 }));
    const on = featureCounts(samplePrograms({ seed: 42, count: 200, constraints: { features: { tryExcept: true } } }));
    expect(on.tryExcept).toBeGreaterThan(drawn.tryExcept);
  });

  it('every print keeps its own label, handlers, else and finally included (seed 42, exceptions on, and swarm)', () => {
    expectMeaningfulUniqueLabels(samplePrograms({ seed: 42, count: 300, constraints: EXCEPTIONS_ON }));
    expectMeaningfulUniqueLabels(samplePrograms({ seed: 42, count: 300 }));
  });

  it('swarm: false gives every program the default features', () => {
    const counts = featureCounts(samplePrograms({ seed: 42, count: 200, constraints: { swarm: false } }));
    for (const feature of ['gather', 'taskMethods', 'cancel', 'tryExcept', 'raiseInTask', 'exceptionAcrossAwait']) expect(counts[feature], feature).toBe(0);
    expect(() => programArbitrary({ swarm: 'yes' } as never)).toThrow('programArbitrary: swarm must be a boolean, got yes');
  });
});

describe('check on the port with the exception features on', () => {
  it('seed 42: 150 programs, no difference and no generator bug', async () => {
    const report = await check({ runs: 150, seed: 42, target: 'port', constraints: EXCEPTIONS_ON, workers: 2 });
    expect(report.outcomes).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
    expect(report.outcomes.same).toBe(150);
  }, 120_000);

  it('a random seed: 100 programs, no difference and no generator bug', async () => {
    const seed = randomSeed('check with exceptions');
    const report = await check({ runs: 100, seed, target: 'port', constraints: EXCEPTIONS_ON, workers: 2 });
    expect(report.outcomes).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
  }, 120_000);

  it('the programs do raise and catch: some end with the exception, most catch what they raise', async () => {
    const programs = samplePrograms({ seed: 42, count: 300, constraints: EXCEPTIONS_ON });
    const runs = await runTwiceOnOracle(programs);
    const errors = runs.map((r) => r.error);
    // Only the exceptions the generator raises on purpose ever escape.
    for (const error of errors) if (error !== null) expect(error).toMatch(/^(ValueError|RuntimeError): /);
    expect(errors.filter((e) => e !== null).length).toBeGreaterThan(5);
    // Caught and printed as `type(e).__name__, e` (tryExcept) or as `repr(e)` (the timeouts feature's `except Exception`).
    const caught = runs.filter((r) => 'trace' in r.result && r.result.trace.some((t) => / (ValueError|RuntimeError)[ (]/.test(t.text))).length;
    expect(caught).toBeGreaterThan(5);
  }, 120_000);
});

describe('shrinking keeps programs valid', () => {
  it('every candidate the shrinker tries prints, reads back through the importer, and runs on CPython as generated', async () => {
    const candidates = new Map<string, Program>();
    const failing = (source: string) => source.includes('try:') && source.includes('raise ') && source.includes('await ');
    for (let run = 0; run < 6; run++) {
      fc.check(
        fc.property(programArbitrary(EXCEPTIONS_ON), (program) => {
          const source = printPython(program);
          candidates.set(source, program);
          return !failing(source);
        }),
        { seed: 42 + run, numRuns: 100 },
      );
    }
    const programs = [...candidates.values()].slice(0, 300);
    expect(programs.length).toBeGreaterThan(50);
    const oracle = await sharedOracle();
    // The importer's allow-list (a handler never without its try, a bare raise only in a handler) takes each back.
    await Promise.all([...candidates.keys()].slice(0, 300).map((source) => oracle.importSource(source, 'shrunk.py')));
    const runs = await runTwiceOnOracle(programs);
    for (const r of runs) if (r.error !== null) expect(r.error).toMatch(/^(ValueError|RuntimeError): /);
  }, 180_000);
});
