/**
 * The vitest helper (lib/vitest.ts) in a real vitest run, as a port author's three-line test
 * file uses it: against the native profile (which differs from CPython) the run fails and the
 * failure prints the minimal program, both traces and the replay line; against the port it passes.
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
  it('against the native profile: fails, printing the minimal program, both traces and the replay line', async () => {
    const { output, exitCode } = await vitestRun('native.conformance.ts');
    expect(exitCode).toBe(1);
    expect(output).toContain('conforms to CPython asyncio (native, 20 programs)');
    expect(output).toMatch(/ConformanceError: \d+ of 20 programs differ from CPython \(seed 42; rerun with ASYNCIO_CONFORMANCE_SEED=42\)/);
    expect(output).toMatch(/── (lazy-coroutines|lazy-task-start|shutdown-cancellation)(\+[a-z0-9-]+)*: \d+ program/); // a named cause, with its count
    expect(output).toMatch(/smallest example \(\d+ statements, shrunk from \d+/);
    expect(output).toContain('│ asyncio.run(main())');
    expect(output).toMatch(/CPython\s+other side/);
    expect(output).toContain('≠');
    expect(output).toMatch(/replay: npx asyncio-conformance check --target native --seed 42 --path [\d:]+/);
  });

  it('against the port: passes', async () => {
    const { output, exitCode } = await vitestRun('port.conformance.ts');
    expect(output).toContain('conforms to CPython asyncio (port, 30 programs)');
    expect(exitCode).toBe(0);
  });
});
