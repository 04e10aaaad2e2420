import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program, Stmt } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { programArbitrary, samplePrograms, withHeader } from '../../generators/index.ts';
import type { ProgramConstraints } from '../../generators/index.ts';
import { expectAllRunCleanly, expectMeaningfulUniqueLabels } from './_support/programs.ts';

/** The deepest nesting of loops (`async for` too) in a body; a nested def's body nests from 0, as a function of its own. */
function loopDepth(body: Stmt[]): number {
  const deepest = (...bodies: Stmt[][]): number => Math.max(0, ...bodies.map(loopDepth));
  return Math.max(0, ...body.map((s) => {
    switch (s.kind) {
      case 'for':
      case 'while':
        return 1 + loopDepth(s.body);
      case 'def':
        return loopDepth(s.def.body);
      case 'if':
        return deepest(s.body, s.orelse);
      case 'try':
        return deepest(s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody);
      case 'with':
        return loopDepth(s.body);
      default:
        return 0;
    }
  }));
}

/** The features of the clean (never raising) programs, every one on; swarm off so none is drawn away. */
const ALL_FEATURES: ProgramConstraints = { swarm: false, features: { gather: true, taskMethods: true, cancel: true } };
/** The generator as it was before swarm testing: the default features in every program (those never raise). */
const NO_SWARM: ProgramConstraints = { swarm: false };

function randomSeed(what: string): number {
  const seed = Date.now() % 1_000_000_007;
  console.log(`${what}: random seed ${seed}`);
  return seed;
}

describe('programArbitrary', () => {
  it('keeps generating the same programs for seed 42 (no-regression snapshot)', () => {
    const programs = samplePrograms({ seed: 42, count: 6, offset: 60, constraints: NO_SWARM }).map((p, i) =>
      printPython(withHeader(p, { seed: 42, path: String(60 + i) })),
    );
    expect(programs).toMatchSnapshot();
  });

  it('generates 300 programs (seed 42) that run cleanly on CPython, with unique labels', async () => {
    const programs = samplePrograms({ seed: 42, count: 300, constraints: NO_SWARM });
    expectMeaningfulUniqueLabels(programs);
    const { totalLines } = await expectAllRunCleanly(programs);
    // The programs do something: on average several printed lines each.
    expect(totalLines / programs.length).toBeGreaterThan(3);
  });

  it('generates 300 programs (random seed) that run cleanly on CPython, with unique labels', async () => {
    const programs = samplePrograms({ seed: randomSeed('programs'), count: 300, constraints: NO_SWARM });
    expectMeaningfulUniqueLabels(programs);
    await expectAllRunCleanly(programs);
  });

  it('with gather, task methods and cancel on: 300 programs (seed 42 and random) run cleanly', async () => {
    const programs = [
      ...samplePrograms({ seed: 42, count: 150, constraints: ALL_FEATURES }),
      ...samplePrograms({ seed: randomSeed('all features'), count: 150, constraints: ALL_FEATURES }),
    ];
    const sources = programs.map(printPython).join('\n');
    for (const construct of ['asyncio.gather(', '.cancel()', '.done(), ', 'asyncio.create_task(', 'await t', 'for i in range(']) {
      expect(sources).toContain(construct);
    }
    expectMeaningfulUniqueLabels(programs);
    await expectAllRunCleanly(programs);
  });

  it('emits only the enabled features', () => {
    const programs = samplePrograms({
      seed: 42,
      count: 200,
      constraints: { maxDepth: 0, features: { createTask: false, unawaitedTask: false, sleep: false } },
    });
    const sources = programs.map(printPython).join('\n');
    expect(sources).not.toContain('create_task');
    expect(sources).not.toContain('asyncio.sleep');
    expect(sources).not.toMatch(/^ +for [ijkm] in /m); // the feature modules' own loops and comprehensions are theirs
    expect(sources).toContain('await worker');
  });

  it('respects maxFunctions, maxStatements, maxDepth and delays', () => {
    // The waiter features' statements are larger (test/generators/sync.test.ts bounds them): off here.
    const constraints = { maxFunctions: 2, maxStatements: 3, maxDepth: 1, delays: [0.25], features: { syncPrimitives: false, queues: false } };
    const programs = samplePrograms({ seed: 42, count: 200, constraints });
    for (const p of programs) {
      expect(p.functions.length).toBeLessThanOrEqual(2);
      expect(p.functions[0].name).toBe('main');
      for (const f of p.functions) expect(f.body.filter((s) => s.kind !== 'return').length).toBeLessThanOrEqual(3 * 12); // a bound value adds its print; a feature module's statement lowers to at most 12 (callbacks' done-callback and future forms, with their cover)
    }
    for (const p of programs) for (const f of p.functions) expect(loopDepth(f.body)).toBeLessThanOrEqual(1);
    const sources = programs.map(printPython).join('\n');
    expect(sources).toContain('asyncio.sleep(0.25)');
    // A delay, a sum of two (features/timeouts.ts: a sleep that ties its deadline), or a helper's parameter `d` bound to one (taskgroups.ts).
    expect(sources).not.toMatch(/asyncio\.sleep\((?!(0\.25|0\.25 \+ 0\.25|d)\))/);
  });

  it.each<[ProgramConstraints, string]>([
    [{ maxFunctions: 0 }, 'programArbitrary: maxFunctions must be an integer >= 1, got 0'],
    [{ maxFunctions: 1.5 }, 'programArbitrary: maxFunctions must be an integer >= 1, got 1.5'],
    [{ maxStatements: 0 }, 'programArbitrary: maxStatements must be an integer >= 1, got 0'],
    [{ maxDepth: -1 }, 'programArbitrary: maxDepth must be an integer >= 0, got -1'],
    [{ maxLoopIterations: 0 }, 'programArbitrary: maxLoopIterations must be an integer >= 1, got 0'],
    [{ delays: [] }, 'programArbitrary: delays must be a non-empty array of numbers >= 0'],
    [{ delays: [0.1, -1] }, 'programArbitrary: delays must hold finite numbers >= 0, got -1'],
    [{ delays: [NaN] }, 'programArbitrary: delays must hold finite numbers >= 0, got NaN'],
    [{ features: { teleport: true } as never }, "programArbitrary: unknown feature 'teleport'"],
    [{ features: { sleep: 'yes' } as never }, 'programArbitrary: feature sleep must be a boolean, got yes'],
    [{ maxFunction: 3 } as never, "programArbitrary: unknown constraint 'maxFunction'"],
  ])('rejects %j at once', (constraints, message) => {
    expect(() => programArbitrary(constraints)).toThrow(message);
  });

  it('reports generation and printing throughput', () => {
    const count = 2000;
    const start = performance.now();
    const programs = samplePrograms({ seed: 7, count, constraints: NO_SWARM });
    const generated = performance.now();
    let characters = 0;
    for (const p of programs) characters += printPython(p).length;
    const printed = performance.now();
    const perSecond = (count / (printed - start)) * 1000;
    console.log(
      `generation: ${((count / (generated - start)) * 1000).toFixed(0)} programs/s; generation + printing: ${perSecond.toFixed(0)} programs/s; ` +
        `${(characters / count).toFixed(0)} characters of Python a program`,
    );
    expect(perSecond).toBeGreaterThan(500);
  });
});

describe('shrinking', () => {
  /** Properties that fail on some programs, so that fast-check shrinks: each shrink candidate is recorded. */
  const failingPredicates: Array<(p: Program, source: string) => boolean> = [
    (_, source) => source.length < 250,
    (_, source) => !(source.includes('create_task') && source.includes('await t')),
    (p) => p.functions.length < 3,
    (_, source) => (source.match(/print\(/g) ?? []).length < 5,
    (_, source) => !source.includes('asyncio.gather(') || !source.includes('.cancel()'),
  ];

  async function shrinkAndRun(seedBase: number): Promise<number> {
    const candidates = new Map<string, Program>();
    let failures = 0;
    for (let run = 0; run < 60; run++) {
      const predicate = failingPredicates[run % failingPredicates.length];
      const result = fc.check(
        fc.property(programArbitrary(ALL_FEATURES), (program) => {
          const source = printPython(program);
          candidates.set(source, program);
          return predicate(program, source);
        }),
        { seed: seedBase + run, numRuns: 200 },
      );
      if (result.failed) failures++;
    }
    const programs = [...candidates.values()];
    expectMeaningfulUniqueLabels(programs);
    await expectAllRunCleanly(programs);
    expect(failures).toBeGreaterThan(40); // the properties did fail, so the shrinker ran
    return programs.length;
  }

  it('every value the shrinker tries is a valid program (seed 42)', async () => {
    const tried = await shrinkAndRun(42);
    console.log(`shrinking (seed 42): ${tried} distinct programs generated or tried while shrinking, all run cleanly`);
    expect(tried).toBeGreaterThan(1000);
  });

  it('every value the shrinker tries is a valid program (random seed)', async () => {
    const tried = await shrinkAndRun(randomSeed('shrinking'));
    console.log(`shrinking (random seed): ${tried} distinct programs, all run cleanly`);
  });
});
