/**
 * Verdicts that hold on a busy machine (issue 7 point 4): `run --target cpython|port|native`
 * of a holdout-sized program, eight spawned CLI runs at once plus a process that burns a core,
 * prints the right output every time. The wall-clock budget counts the program only (not the
 * CLI's, the worker's or the child's start-up), and a wall-clock stop is retried before it is
 * reported. Nothing here is timed: the assertions are about output, never about speed.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { runOnOracle } from '../../compare/sides.ts';
import { isFailure } from '../../compare/verdict.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { cli, writeProgram } from '../cli/_cli.ts';
import { HOLDOUT } from '../_support/holdout.ts';


const AT_ONCE = 8;

let file: string;
let expected: string;

beforeAll(async () => {
  file = writeProgram('saturated-holdout.py', HOLDOUT);
  const oracle = await sharedOracle();
  const result = await runOnOracle(oracle, await oracle.importSource(HOLDOUT, 'saturated-holdout.py'), { clock: 'realistic', budget: DEFAULT_BUDGET });
  if (isFailure(result) || result.outcome.kind !== 'ok') throw new Error(`the oracle did not run the holdout: ${JSON.stringify(result)}`);
  expected = result.trace.map((entry) => entry.text).join('');
});

/** A process that keeps one core busy for as long as the test runs. */
let burner: ReturnType<typeof spawn> | undefined;
beforeAll(() => {
  burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
});
afterAll(() => {
  burner?.kill('SIGKILL');
});

describe('run on a saturated machine', () => {
  for (const target of ['cpython', 'port', 'native'] as const) {
    it(`run --target ${target}: ${AT_ONCE} at once beside a CPU burner, the right output every time`, async () => {
      const runs = await Promise.all(Array.from({ length: AT_ONCE }, () => cli(['run', file, '--target', target], { timeout: 900_000 })));
      for (const run of runs) {
        expect(run.stderr).not.toMatch(/wallclock|too slow|crash|could not/);
        expect(run.exitCode).toBe(0);
        expect(run.stdout).toBe(expected);
      }
    });
  }
});
