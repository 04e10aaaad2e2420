/**
 * `makeDirectory` ends where Node 20's `mkdir(path, { recursive: true })` spins forever (under
 * /proc), and the report writers use it: a report that cannot be written fails, never hangs.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDirectory, writeHtmlReport, writeJsonReport, writeJunitReport } from '../../reports/index.ts';
import { loadFixture } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'make-directory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makeDirectory', () => {
  it('creates the missing folders and returns the first one it created; undefined when all exist', async () => {
    expect(await makeDirectory(join(dir, 'a/b/c'))).toBe(join(dir, 'a'));
    expect((await stat(join(dir, 'a/b/c'))).isDirectory()).toBe(true);
    expect(await makeDirectory(join(dir, 'a/b'))).toBeUndefined();
  });

  it('under /proc: fails with ENOENT instead of spinning', async () => {
    await expect(makeDirectory('/proc/forbidden')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(makeDirectory('/proc/forbidden/deeper')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('under a regular file: fails naming the file', async () => {
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    await expect(makeDirectory(join(file, 'sub/deeper'))).rejects.toThrow(`${file} is a file, not a folder`);
    await expect(makeDirectory(file)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('the JSON, JUnit and HTML writers fail (not hang) on a path under /proc', async () => {
    const report = await loadFixture('all-agree');
    await expect(writeJsonReport(report, '/proc/forbidden/r.json')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writeJunitReport(report, '/proc/forbidden/j.xml')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writeHtmlReport(report, '/proc/forbidden')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
