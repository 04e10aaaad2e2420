/**
 * A program that never finishes on either side is a timeout, never "agree": `compare` counts
 * it as `timeout`, says the machine was too slow (after the retry) and exits 2.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess, writeProgram } from '../cli/_cli.ts';

describe('compare of a program that never finishes', () => {
  it('is a timeout on both sides: no "agree", no difference, exit 2, and what it printed is not called a difference', async () => {
    const file = writeProgram('never-finishes.py', 'import asyncio\n\nasync def main():\n    print("start")\n    while True:\n        pass\n\nasyncio.run(main())\n');
    const r = await cliInProcess(['compare', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain('same 0 · differ 0 · port crash 0 · oracle crash 0 · timeout 1 · generator bug 0');
    expect(r.stdout).not.toMatch(/agree/);
    expect(r.stderr).toContain('no verdict: the machine was too slow to finish this program within 20 s');
  });
});
