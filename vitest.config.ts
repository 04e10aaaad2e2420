/**
 * The suite in three tiers (vitest projects), so a developer runs the fast one alone:
 *
 *   npm run test:unit      in-process tests: the port, the IR, generators, the oracle's workers, the
 *                          CLI through main(argv, io); real CPython, no Node process spawned
 *   npm run test:e2e       what spawns Node: the bin as a user runs it, `npx tsx` of transpiled
 *                          files, the bench with tiny counts, and the TypeScript compiler over
 *                          emitted programs
 *   npm run test:browser   the HTML report in headless Chromium
 *   npm test               tsc --noEmit beside all three (.ci/test)
 *
 * A new test file joins a tier by its name (`*.e2e.test.ts`, `*.browser.test.ts`) or, for the
 * files below written before the split, by this list.
 */
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const BROWSER = ['test/**/*.browser.test.ts'];
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

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest runs one file at a time on 2 cores (its default is cores - 1). A unit file spends much
    // of its time starting (a fresh process importing the sources) or waiting on its CPython
    // workers, so two files at a time keep both cores busy; on a bigger machine this is vitest's
    // default again.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...E2E, ...BROWSER] } },
      // The spawned CLI runs the build in dist/: made once here, not by each process that finds it stale.
      // One e2e file at a time, beside the unit and browser tiers (vitest runs projects side by side): they sleep on real
      // clocks, and one saturates the machine on purpose.
      { extends: true, test: { name: 'e2e', include: E2E, exclude: BROWSER, globalSetup: ['scripts/build-before-e2e.mjs'], maxWorkers: 1 } },
      { extends: true, test: { name: 'browser', include: BROWSER } },
    ],
  },
});
