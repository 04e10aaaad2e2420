/** A few escape attempts through the real CLI, spawned as a user runs it (the rest: escape.test.ts, in-process). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/_cli.ts';

const HOSTILE = new URL('./hostile/', import.meta.url).pathname;
let dir: string;
const files: Record<string, string> = {};
const canary = () => join(dir, 'canary');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'escape-e2e-'));
  for (const name of ['annotation-param.py', 'default-exec.py', 'nfkc-exec.py']) {
    files[name] = join(dir, name);
    writeFileSync(files[name], readFileSync(join(HOSTILE, name), 'utf8').replaceAll('@CANARY@', canary()));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile files through the spawned CLI', () => {
  it('the real CLI, spawned: the issue’s annotation example runs without its payload; exec via a default is refused', async () => {
    const issue = await cli(['run', files['annotation-param.py'], '--target', 'cpython']);
    expect([issue.exitCode, issue.stdout]).toEqual([0, 'done 1\n']);
    const refused = await cli(['compare', files['default-exec.py']]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`${files['default-exec.py']}:4:7: unsupported parameter print shadows the builtin print`);
    const lookalike = await cli(['transpile', files['nfkc-exec.py']]);
    expect(lookalike.exitCode).toBe(2);
    expect(lookalike.stderr).toContain(`${files['nfkc-exec.py']}:5:5: unsupported call of exec`);
    expect(existsSync(canary())).toBe(false);
  }, 120_000);

});
