/** `explain FILE.py` through main(argv, io): the story in the terminal, the side beside it, the exit codes, --html. */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cliInProcess, TMP, writeProgram } from './_cli.ts';
import { SEED_TUTORIAL } from '../explain/_seed.ts';

it('the seed tutorial: every printed line with its cause; native agrees; exit 0', async () => {
  const file = writeProgram('explain_seed.py', SEED_TUTORIAL);
  const { stdout, exitCode } = await cliInProcess(['explain', file]);
  expect(exitCode).toBe(0);
  expect(stdout).toContain('Task-1 (main) yields to the loop at line 12 `await asyncio.sleep(2)`');
  expect(stdout).toContain('  > line 5 prints "text" at t=0.000003, iteration 2, in Task-2');
  expect(stdout).toContain('"finished"  t=2.000004 iteration 6 Task-1 line 13 <- Task-1 (main) wakes up: the timer set at line 12');
  expect(stdout).toContain('the same 3 lines in the same order');
});

it('the tutorial without its sleep: where native parts, the bucket, exit 1; --html writes a page with the program escaped', async () => {
  const file = writeProgram('explain_parted.py', SEED_TUTORIAL.replace('    await asyncio.sleep(2)\n', '    pass\n').replace("print('shav')", "print('<b>shav</b>')"));
  const dir = join(TMP, 'explain-html');
  await rm(dir, { recursive: true, force: true });
  const { stdout, stderr, exitCode } = await cliInProcess(['explain', file, '--html', dir]);
  expect(exitCode).toBe(1);
  expect(stdout).toContain('the runs part at output line 2: CPython prints "finished"');
  expect(stdout).toContain('Cause: lazy-task-start');
  expect(stderr).toContain('index.html');
  const page = await readFile(join(dir, 'index.html'), 'utf8');
  expect(page).not.toContain('<b>shav</b>');
  expect(page).toContain('\\u003cb>shav\\u003c/b>');
});

it('--target cpython tells the story alone; a file outside the subset is refused with exit 2', async () => {
  const file = writeProgram('explain_alone.py', SEED_TUTORIAL);
  const alone = await cliInProcess(['explain', file, '--target', 'cpython']);
  expect(alone.exitCode).toBe(0);
  expect(alone.stdout).not.toContain('Beside it');
  const bad = writeProgram('explain_bad.py', 'import os\nos.system("true")\n');
  const refused = await cliInProcess(['explain', bad]);
  expect(refused.exitCode).toBe(2);
  expect(refused.stderr).toMatch(/explain_bad\.py:\d+:\d+: /);
});

it("--target port: the port's story beside CPython's, event for event", async () => {
  const file = writeProgram('explain_port.py', SEED_TUTORIAL);
  const { stdout, exitCode } = await cliInProcess(['explain', file, '--target', 'port', '--clock', 'ideal']);
  expect(exitCode).toBe(0);
  expect(stdout).toContain('(ideal clock)');
  expect(stdout).toMatch(/the port's loop ran the same \d+ events as CPython's/);
});
