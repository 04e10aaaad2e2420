/**
 * The suite in three tiers (vitest projects), so a developer runs the fast one alone:
 *
 *   npm run test:unit      in-process tests: the port, the IR, generators, the oracle's workers, the
 *                          CLI through main(argv, io); real CPython, no Node process spawned
 *   npm run test:e2e       what spawns Node: the bin as a user runs it, `npx tsx` of transpiled
 *                          files, the bench with tiny counts, and the TypeScript compiler over
 *                          emitted programs (projects e2e and e2e-alone)
 *   npm run test:browser   the HTML report in headless Chromium
 *   npm test               tsc --noEmit beside all three (.ci/test)
 *
 * A new test file joins a tier by its name (`*.e2e.test.ts`, `*.browser.test.ts`) or, for the
 * files below written before the split, by this list.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const BROWSER = ['test/**/*.browser.test.ts'];
/**
 * Alone, after every other file: it saturates the machine on purpose (eight spawned CLIs and a
 * process burning a core), which would slow whatever ran beside it. Its own project, with one worker.
 */
const ALONE = ['test/e2e/saturated.e2e.test.ts'];
const E2E = [
  'test/**/*.e2e.test.ts',
  'test/bench/**/*.test.ts',
  'test/cli/smoke.test.ts',
  'test/cli/generate-transpile.test.ts',
  'test/native/execute.test.ts',
  'test/port/runners.test.ts',
  'test/transpile/native.test.ts',
  'test/transpile/standalone.test.ts',
  'test/transpile/typecheck.test.ts',
];

/**
 * The files that take longest (seconds on the 2-core CI machine, fresh clone, session 6; ~ scaled from a local
 * before/after where a file got faster since), longest first.
 * vitest starts them first, so that two at a time the run does not end on a long file that started late
 * (vitest orders by the durations it cached, which a fresh clone has not: there it ran in glob order).
 * Refresh it from a run's per-file times when they change much; a missing or renamed file is only
 * not moved forward.
 */
const SLOWEST_FIRST = [
  'test/cli/native-seed-42.test.ts', // ~95: check.test's native run (109 with its port runs), which the pinned lessons now read
  'test/teach/lessons.test.ts', // 139, ~45 without its own pinned run
  'test/port/version.test.ts', // 63
  'test/oracle/embedded.test.ts', // 55
  'test/bench/bench.smoke.test.ts', // 37
  'test/lib/package.e2e.test.ts', // 32
  'test/published/published.e2e.test.ts', // 31
  'test/cli/matrix.test.ts', // 28
  'test/port/version-cli.test.ts', // 27
  'test/cli/iteration.test.ts', // 31, ~24 with warm oracles
  'test/native/execute.test.ts', // 21
  'test/targets/misbehaving.test.ts', // 20
  'test/transpile/classes.test.ts', // 18
  'test/cli/generate-transpile.test.ts', // 18
  'test/transpile/language-gaps.test.ts', // 18
  'test/security/escape.test.ts', // 85, ~17 with warm oracles (cli/warm-oracles.ts)
  'test/compare/isolated.e2e.test.ts', // 14
  'test/cli/strings-builtins.test.ts', // 14
  'test/generators/program.test.ts', // 14
  'test/cli/run.test.ts', // 35, ~13 with warm oracles and --oracle-wallclock
  'test/cli/check.test.ts', // ~15 since its native run is native-seed-42's
];

/** vitest's order (its cached durations, else file size), with SLOWEST_FIRST moved to the front. */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const index = SLOWEST_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index === -1 ? SLOWEST_FIRST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // stable: the rest keep vitest's order
  }
}

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    sequence: { sequencer: SlowestFirst },
    // vitest runs one file at a time on 2 cores (its default is cores - 1). A unit file spends much
    // of its time starting (a fresh process importing the sources) or waiting on its CPython
    // workers, so two files at a time keep both cores busy; on a bigger machine this is vitest's
    // default again.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...E2E, ...BROWSER, ...ALONE] } },
      // The spawned CLI runs the build in dist/: made once here, not by each process that finds it stale.
      // e2e files run beside the unit ones, two files at a time in all: vitest runs the files of projects with the same
      // maxWorkers as one queue, and a project with maxWorkers 1 (as e2e had) after all the others, one file at a time.
      { extends: true, test: { name: 'e2e', include: E2E, exclude: [...BROWSER, ...ALONE], globalSetup: ['scripts/build-before-e2e.mjs'] } },
      // That queue, one file at a time, is right for the file that saturates the machine: it runs last, alone.
      { extends: true, test: { name: 'e2e-alone', include: ALONE, globalSetup: ['scripts/build-before-e2e.mjs'], maxWorkers: 1 } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
