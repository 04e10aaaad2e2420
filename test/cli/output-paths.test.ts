/**
 * Output paths are checked before a run starts (exit 2, a message naming the flag and the
 * reason), and a report that cannot be written at the end is said on stderr without changing
 * the run's exit code. "Before the run" is shown with `--python /nonexistent/python3`: a check
 * that came after the oracle's start would fail on the Python, not on the path.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TMP, cliInProcess, tutorial, writeProgram } from './_cli.ts';

const NO_PYTHON = ['--python', '/nonexistent/python3'];
const DIR = join(TMP, 'output-paths');
mkdirSync(DIR, { recursive: true });
const REGULAR_FILE = join(DIR, 'a-regular-file');
writeFileSync(REGULAR_FILE, 'not a folder\n');

/** Paths no command can write, and the words the refusal uses. */
const BAD_FOLDERS: Array<[string, RegExp]> = [
  ['/proc/forbidden', /no such file or folder, and it cannot be created/],
  ['/proc/forbidden/deeper/still', /no such file or folder, and it cannot be created/],
  ['/sys/kernel', /permission denied|operation not permitted/],
  [join(REGULAR_FILE, 'sub'), /a-regular-file is a file, not a folder/],
  [REGULAR_FILE, /a-regular-file is a file, not a folder/],
  ['', /the path is empty/],
];
const BAD_FILES: Array<[string, RegExp]> = [
  ['/proc/forbidden/a.json', /no such file or folder, and it cannot be created/],
  ['/sys/kernel/report.json', /permission denied|operation not permitted/],
  [join(REGULAR_FILE, 'sub', 'r.json'), /a-regular-file is a file, not a folder/],
  [DIR, /it is a folder, not a file/],
  ['', /the path is empty/],
];

function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, flag: string, why: RegExp): void {
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain(`${flag}`);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).not.toMatch(/python|oracle/i);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('an output path that cannot be written: exit 2 before anything runs', () => {
  const program = () => tutorial('say_after.py');
  const commands: Array<[string, (path: string) => string[]]> = [
    ['check --report', (p) => ['check', '--runs', '5', '--seed', '1', ...NO_PYTHON, '--report', p]],
    ['check --save-corpus', (p) => ['check', '--runs', '5', '--seed', '1', ...NO_PYTHON, '--save-corpus', p]],
    ['compare --report', (p) => ['compare', program(), ...NO_PYTHON, '--report', p]],
    ['merge-reports --report', (p) => ['merge-reports', join(DIR, 'no-such-input.json'), '--report', p]],
  ];
  for (const [name, args] of commands) {
    it.each(BAD_FOLDERS)(`${name} %j`, async (path, why) => {
      expectRefused(await cliInProcess(args(path)), name.split(' ')[1], why);
    });
  }

  const fileCommands: Array<[string, (path: string) => string[]]> = [
    ['check --json', (p) => ['check', '--runs', '5', '--seed', '1', ...NO_PYTHON, '--json', p]],
    ['check --junit', (p) => ['check', '--runs', '5', '--seed', '1', ...NO_PYTHON, '--junit', p]],
    ['compare --json', (p) => ['compare', program(), ...NO_PYTHON, '--json', p]],
    ['transpile -o', (p) => ['transpile', program(), ...NO_PYTHON, '-o', p]],
    ['merge-reports --junit', (p) => ['merge-reports', join(DIR, 'no-such-input.json'), '--junit', p]],
  ];
  for (const [name, args] of fileCommands) {
    it.each(BAD_FILES)(`${name} %j`, async (path, why) => {
      expectRefused(await cliInProcess(args(path)), name.split(' ')[1], why);
    });
  }

  it.each(BAD_FOLDERS)('generate --out %j: nothing is generated', async (path, why) => {
    const r = await cliInProcess(['generate', '--count', '3', '--seed', '1', '--out', path]);
    expectRefused(r, '--out', why);
  });

  it('two flags naming the same file are refused', async () => {
    const same = join(DIR, 'same.json');
    const r = await cliInProcess(['check', '--runs', '5', ...NO_PYTHON, '--json', same, '--junit', same]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--json and --junit both write');
  });

  it('the check leaves nothing behind: folders it created for a good path are gone when another path is refused', async () => {
    const fresh = join(DIR, 'fresh');
    rmSync(fresh, { recursive: true, force: true });
    const r = await cliInProcess(['check', '--runs', '5', ...NO_PYTHON, '--json', join(fresh, 'a/b/r.json'), '--report', '/proc/forbidden']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--report /proc/forbidden');
    expect(existsSync(fresh)).toBe(false);
  });

  it('an existing report file is not truncated by the check', async () => {
    const kept = join(DIR, 'kept.json');
    writeFileSync(kept, 'old contents\n');
    const r = await cliInProcess(['check', '--runs', '5', ...NO_PYTHON, '--json', kept, '--report', '/proc/forbidden']);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(kept, 'utf8')).toBe('old contents\n');
  });
});

describe('a report that cannot be written at the end (the disk filled up)', () => {
  it('check: the other reports are written, stderr says which could not be, the verdict keeps exit 0', async () => {
    const junit = join(DIR, 'end', 'junit.xml');
    const html = join(DIR, 'end', 'html');
    rmSync(join(DIR, 'end'), { recursive: true, force: true });
    const r = await cliInProcess(['check', '--runs', '10', '--seed', '3', '--json', '/dev/full', '--junit', junit, '--report', html]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('All 10 programs agree with CPython.');
    expect(r.stderr).toContain('could not write the JSON to /dev/full: no space left on the device, ENOSPC');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuite');
    expect(existsSync(join(html, 'index.html'))).toBe(true);
  });

  it('compare: a difference keeps exit 1 when its reports cannot be written', async () => {
    const file = writeProgram(
      'never-awaited.py',
      'import asyncio\n\n\nasync def shout():\n    print("ran")\n\n\nasync def main():\n    c = shout()\n    print("main")\n\n\nasyncio.run(main())\n',
    );
    const r = await cliInProcess(['compare', file, '--target', 'native', '--json', '/dev/full', '--junit', '/dev/full/x.xml']);
    expect(r.exitCode).toBe(2); // /dev/full/x.xml: under a file that is not a folder, refused before the run
    const late = await cliInProcess(['compare', file, '--target', 'native', '--json', '/dev/full']);
    expect(late.exitCode).toBe(1);
    expect(late.stdout).toContain('lazy-coroutines');
    expect(late.stderr).toContain('could not write the JSON to /dev/full');
  });
});
