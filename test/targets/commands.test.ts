/**
 * `--target ./adapter` on the commands besides `check` (run, compare), and the library's
 * `check({ target: path })`: the same registry, the same child process.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../lib/index.ts';
import { cliInProcess } from '../cli/_cli.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { writeAdapters } from './_adapters.ts';

const dir = writeAdapters(['eager-start.mjs', 'typed.ts']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TASK_FIRST = "import asyncio\n\nasync def worker():\n    print('worker')\n\nasync def main():\n    t = asyncio.create_task(worker())\n    print('main')\n    await t\n\nasyncio.run(main())\n";
writeFileSync(join(dir, 'task_first.py'), TASK_FIRST);

describe('adapters on every command', () => {
  it('run FILE.py --target ./typed.ts prints what CPython prints', async () => {
    const r = await cliInProcess(['run', 'task_first.py', '--target', './typed.ts'], { cwd: dir });
    expect([r.exitCode, r.stdout]).toEqual([0, 'main\nworker\n']);
  });

  it('compare FILE.py --target ./eager-start.mjs: the task ran before its creator; exit 1, bucket eager-start', async () => {
    const json = join(dir, 'compare.json');
    const r = await cliInProcess(['compare', 'task_first.py', '--target', './eager-start.mjs', '--json', json], { cwd: dir });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('── eager-start:');
    expect(r.stdout).toContain('"worker"');
  });

  it('the library: check({ target: path }) runs the adapter and names it in the report', async () => {
    const report = await check({ oracle: await sharedOracle(), target: join(dir, 'typed.ts'), runs: 3, seed: 42 });
    expect(report).toMatchObject({ target: join(dir, 'typed.ts'), runs: 3, differences: 0, outcomes: { same: 3 } });
  });
});
