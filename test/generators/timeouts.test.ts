/**
 * The deadline and group features (generators/_internals/features/timeouts.ts, taskgroups.ts,
 * uncancel.ts): every form shows in a default (swarm) run; on CPython the races they set up go
 * both ways (a deadline beats its work and loses to it, nested deadlines expire together,
 * children fail together and their siblings are cancelled), deterministically; and the port
 * agrees on both clocks. What each mutation of the port they catch is in
 * test/port/mutations.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { samplePrograms, type ProgramConstraints } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import type { RunResult } from '../../ir/program.ts';
import { check } from '../../lib/index.ts';
import { runTwiceOnOracle } from './_support/cpython.ts';
import { expectMeaningfulUniqueLabels } from './_support/programs.ts';

/** The three features pinned on with the task features they build on; the others drawn (swarm). */
const DEADLINES_ON: ProgramConstraints = { features: { timeouts: true, taskGroups: true, uncancel: true, createTask: true, sleep: true } };
/** The same without the features that came after them, so that 150 programs show every race. */
const DEADLINES_FOCUSED: ProgramConstraints = {
  features: { ...DEADLINES_ON.features, asyncGenerators: false, contextManagers: false, syncPrimitives: false, queues: false, callbacks: false, classes: false },
};

function randomSeed(what: string): number {
  const seed = Date.now() % 1_000_000_007;
  console.log(`${what}: random seed ${seed}`);
  return seed;
}

describe('the forms in a default (swarm) run', () => {
  it('seed 42: every form shows in 1000 programs', () => {
    const sources = samplePrograms({ seed: 42, count: 1000 }).map(printPython).join('\n');
    const forms = [
      'asyncio.timeout(0.', 'asyncio.timeout_at(asyncio.get_running_loop().time() + ', 'asyncio.wait_for(worker', 'asyncio.wait_for(asyncio.sleep(',
      'asyncio.wait_for(asyncio.shield(', 'await asyncio.shield(', "'inner', outer", 'asyncio.timeout(None)', '.reschedule(None)',
      '.reschedule(asyncio.get_running_loop().time() + ', 'when() is None', 'except asyncio.TimeoutError as te', 'repr(te', "'swallowed'",
      'asyncio.TaskGroup() as tg', 'except* ValueError as eg', 'except* RuntimeError as eg', 'except ExceptionGroup as eg',
      'except* Exception as eg', 'except* (ValueError, RuntimeError) as eg', "'results'", 'asyncio.current_task().uncancel()',
      'asyncio.current_task().cancelling()', "'uncancel, raise'",
    ];
    for (const form of forms) expect(sources, form).toContain(form);
    // Two helper children with the same delay: they fail in the same iteration.
    expect(sources).toMatch(/child(\d+)\([12], ([\d.]+)\)\)\n\s+c\d+_\d+ = tg\d+\.create_task\(child\1\([12], \2\)\)/);
  });
});

describe('on CPython', () => {
  // Seed 42 shows every race; a random seed, the common ones (the rarer need more programs than a test runs).
  it.each([
    ['seed 42', 42, true],
    ['a random seed', randomSeed('deadlines on CPython'), false],
  ])('%s: 150 programs run cleanly and deterministically, and the races go both ways', async (_, seed, everyRace) => {
    const programs = samplePrograms({ seed, count: 150, constraints: DEADLINES_FOCUSED });
    expectMeaningfulUniqueLabels(programs);
    const runs = await runTwiceOnOracle(programs);
    // A generated program may end by raising a worker's ValueError/RuntimeError; nothing else.
    const bad = runs.filter((r) => r.error !== null && !/^(ValueError|RuntimeError): /.test(r.error)).map((r) => r.error);
    expect(bad).toEqual([]);
    const lines = runs.flatMap((r) => (r.result as RunResult).trace.map((t) => t.text.trimEnd()));
    const some = (pattern: RegExp) => lines.some((line) => pattern.test(line));
    expect(some(/ TimeoutError\(\)/), 'a deadline won').toBe(true);
    expect(some(/^\w+:\d+ in time /), 'the work won').toBe(true);
    if (!everyRace) return;
    expect(some(/^\w+:\d+ between (True|False) (True|False)$/), 'an inner timeout ended its block').toBe(true);
    expect(some(/\((ValueError|RuntimeError)\([^)]*\), (ValueError|RuntimeError)\(/), 'two children failed').toBe(true);
    expect(some(/^\w+:\d+ cancelled (?=.*True)(True|False)( (True|False))+$/), 'a sibling was cancelled').toBe(true);
    expect(some(/^\w+:\d+ shielded /), 'a shielded task finished').toBe(true);
  }, 180_000);
});

describe('the port agrees', () => {
  it('seed 42 on both clocks, 150 programs: no difference', async () => {
    for (const clock of ['realistic', 'ideal'] as const) {
      const report = await check({ runs: 150, seed: 42, target: 'port', clock, constraints: DEADLINES_ON, workers: 2 });
      expect(report.outcomes, clock).toMatchObject({ differs: 0, generatorBug: 0, portCrash: 0 });
    }
  }, 180_000);
});
