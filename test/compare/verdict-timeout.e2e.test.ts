/**
 * A program that never finishes on either side is a timeout, never "agree": `compare` counts
 * it as `timeout`, says the machine was too slow (after the retry) and exits 2.
 *
 * Both limits are set to the smallest that shows it (250 ms, retried at 1 s), as run.test.ts's
 * endless loop does: with the defaults (5 s, retried at 20 s) CPython and the port's child each
 * spun a core for 25 s. That the defaults are 5 s and 20 s is verdict.test.ts's assertion.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess, writeProgram } from '../cli/_cli.ts';

describe('compare of a program that never finishes', () => {
  it('is a timeout on both sides: no "agree", no difference, exit 2, and what it printed is not called a difference', async () => {
    const file = writeProgram('never-finishes.py', 'import asyncio\n\nasync def main():\n    print("start")\n    while True:\n        pass\n\nasyncio.run(main())\n');
    const r = await cliInProcess(['compare', file, '--oracle-wallclock', '250', '--target-wallclock', '250']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('same 0 · differ 0 · port crash 0 · oracle crash 0 · timeout 1 · generator bug 0');
    expect(r.stdout).not.toMatch(/agree/);
    expect(r.stderr).toMatch(/no verdict: the machine was too slow to finish this program within 1 s on (CPython|the port side)/);
  });
});
