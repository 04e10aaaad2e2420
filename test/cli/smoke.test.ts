/**
 * End-to-end smoke tests: the real bin in a real Node process, as a user runs it. Everything
 * else in test/cli calls `main(argv, io)` in-process; these prove the process around it works
 * (streams, exit code, the process ends).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../_support/python.ts';
import { BIN, ROOT, TMP, cli, python, tutorial, writeProgram } from './_cli.ts';

describe('the asyncio-conformance process', () => {
  it('--help: usage on stdout, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: asyncio-conformance');
  });

  it.each(['cpython', 'port', 'native'])('run --target %s prints what python3 prints, exit 0', async (target) => {
    const file = tutorial('say_after.py');
    const r = await cli(['run', file, '--target', target]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    // say_after has no construct on which plain promises differ from asyncio.
    expect(r.stdout).toBe((await python(file)).stdout);
  });

  it.each(['cpython', 'port'])('run --target %s of ./dir/../FILE.py prints task reprs as python3 does (its path, lines), addresses masked', async (target) => {
    const file = writeProgram(
      'task_repr.py',
      'import asyncio\n\nasync def worker(n):\n    await asyncio.sleep(0.01)\n    return n * 2\n\nasync def main():\n    t = asyncio.create_task(worker(3))\n    print(t)\n    await asyncio.sleep(0)\n    print(t)\n    print(asyncio.current_task())\n    print(t, await t)\n\nasyncio.run(main())\n',
    );
    const relative = `./${basename(dirname(file))}/../${basename(dirname(file))}/${basename(file)}`;
    const cwd = dirname(dirname(file));
    const ours = await execa('node', [BIN, 'run', relative, '--target', target], { cwd, reject: false, stripFinalNewline: false });
    const theirs = await execa(PYTHON, [relative], { cwd, reject: false, stripFinalNewline: false });
    const masked = (text: string) => text.replace(/ at 0x[0-9a-f]+/g, ' at 0x…');
    expect(ours.exitCode).toBe(0);
    expect(String(theirs.stdout)).toContain(`${cwd}/${relative}:4`);
    expect(masked(String(ours.stdout))).toBe(masked(String(theirs.stdout)));
  });

  it('check: a small seeded run agrees, writes its JSON, exit 0', async () => {
    const json = join(TMP, 'smoke-check.json');
    const r = await cli(['check', '--runs', '40', '--seed', '42', '--json', json]);
    expect(r.stdout).toContain('All 40 programs agree with CPython.');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ runs: 40, differences: 0, seed: 42 });
  });

  it('transpile -o X.ts && npx tsx X.ts prints what python3 prints', async () => {
    const file = tutorial('countdown.py');
    const out = join(TMP, 'smoke-countdown.ts');
    const t = await cli(['transpile', file, '-o', out]);
    expect(t.stderr).toBe('');
    expect(t.exitCode).toBe(0);
    const run = await execa('npx', ['tsx', out], { cwd: ROOT, reject: false, stripFinalNewline: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe((await python(file)).stdout);
  });

  it('an output path under /proc: exit 2 with a message, and the process ends', async () => {
    const r = await cli(['check', '--runs', '5', '--seed', '1', '--report', '/proc/forbidden'], { timeout: 60_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--report /proc/forbidden: cannot write there');
  });
});
