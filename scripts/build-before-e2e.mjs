/**
 * vitest's global setup for the e2e tier (vitest.config.ts): builds dist/ once before the
 * tests spawn the CLI, so they run the build of the sources under test and no two of them
 * rebuild it at the same time. bin/ rebuilds on its own when a source changes later.
 */
import { buildCli } from './build.mjs';

export async function setup() {
  await buildCli();
}
