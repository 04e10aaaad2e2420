/**
 * A machine with Node alone: with no `python3` on PATH (and no ASYNCIO_CONFORMANCE_PYTHON),
 * every command runs on the embedded CPython (oracle/oracles.ts), says so once on stderr,
 * and works: the README's `npm run check` included. Real processes, PATH made of links to
 * `node`, `npm` and `sh` only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_EMBEDDED } from '../../oracle/embedded/builds.ts';
import { FIXTURES, runRealPython } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/asyncio-conformance.js');
const NOTE = /no usable python3 \(python3 is not on PATH\): running the embedded CPython 3\.12\.7 instead/g;

let bin: string;
let scratch: string;

/** The environment of a machine without Python: this process's, minus Python, PATH = node, npm, sh. */
function env(): Record<string, string | undefined> {
  return { ...process.env, PATH: bin, ASYNCIO_CONFORMANCE_PYTHON: undefined };
}

function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (existsSync(join(dir, command))) return join(dir, command);
  throw new Error(`${command} is not on PATH`);
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'no-python-'));
  bin = join(scratch, 'bin');
  await execa('mkdir', [bin]);
  await symlink(process.execPath, join(bin, 'node'));
  await symlink(onPath('npm'), join(bin, 'npm'));
  await symlink('/bin/sh', join(bin, 'sh'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

it('hides python3 for real', async () => {
  const r = await execa('python3', ['--version'], { env: env(), extendEnv: false, reject: false });
  expect(r.failed && (r as { code?: string }).code).toBe('ENOENT');
});

it('run --target cpython prints what python3 prints, on the embedded CPython, saying so once', async () => {
  const file = join(FIXTURES, 'seed_tutorial.py');
  const r = await execa('node', [BIN, 'run', file], { env: env(), extendEnv: false, reject: false, cwd: ROOT, timeout: 180_000 });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toBe((await runRealPython(file)).stdout.trimEnd());
  expect(r.stderr.match(NOTE)).toHaveLength(1);
  expect(r.stderr).toContain(`--oracle ${DEFAULT_EMBEDDED.name}`);
});

it("the README's npm run check works (fewer programs), every program read and run by the embedded CPython", async () => {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { check: string } }).scripts.check;
  expect(script).toMatch(/^node bin\/asyncio-conformance\.js check /);
  const report = join(scratch, 'report');
  const r = await execa('npm', ['run', 'check', '--', '--runs', '150', '--seed', '42', '--report', report], {
    env: env(),
    extendEnv: false,
    reject: false,
    cwd: ROOT,
    timeout: 300_000,
  });
  expect(r.exitCode, r.stderr).toBe(0);
  expect(r.stdout).toContain(`150 programs, seed 42, target port, clock realistic, CPython ${DEFAULT_EMBEDDED.python}`);
  expect(r.stdout).toMatch(/same 150 · differ 0/);
  expect(r.stderr.match(NOTE)).toHaveLength(1);
  expect(existsSync(join(report, 'index.html'))).toBe(true);
});
