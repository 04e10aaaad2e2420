/**
 * The vitest helper (lib/vitest.ts) in a real vitest run, as a port author's three-line test
 * file uses it: against the port it passes. Against the native profile (which differs from
 * CPython) the run fails and the failure prints the minimal program, both traces and the replay
 * line: test/lib/package.e2e.test.ts asserts that on the installed package (the same 20 programs,
 * seed 42, shrunk), which this file also ran from the sources until the two were the same work.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/_cli.ts';

const FIXTURES = join(ROOT, 'test/lib/fixtures');
/** vitest's own bin, as `npx vitest` runs it (without npx's start). */
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

async function vitestRun(file: string) {
  const r = await execa(process.execPath, [VITEST, 'run', '--config', join(FIXTURES, 'vitest.config.ts'), '--root', FIXTURES, file], {
    cwd: ROOT,
    reject: false,
    timeout: 300_000,
    env: { NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
  });
  return { output: `${String(r.stdout)}\n${String(r.stderr)}`, exitCode: r.exitCode };
}

describe('conformance(test, options) in a real vitest run', () => {
  it('against the port: passes', async () => {
    const { output, exitCode } = await vitestRun('port.conformance.ts');
    expect(output).toContain('conforms to CPython asyncio (port, 30 programs)');
    expect(exitCode).toBe(0);
  });
});
