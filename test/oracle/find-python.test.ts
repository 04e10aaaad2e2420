import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { findPython, guessPython, pythonMemoryFile, PYTHON_ENV_VAR, type PythonInfo } from '../../oracle/find-python.ts';
import { startOracle } from '../../oracle/oracles.ts';
import { PYTHON } from './helpers.ts';

describe('findPython', () => {
  const savedEnv = process.env[PYTHON_ENV_VAR];
  afterEach(() => {
    if (savedEnv === undefined) delete process.env[PYTHON_ENV_VAR];
    else process.env[PYTHON_ENV_VAR] = savedEnv;
  });

  it('--python wins and reports the real interpreter', async () => {
    process.env[PYTHON_ENV_VAR] = '/nonexistent/python';
    expect(await findPython({ python: PYTHON })).toEqual({ executable: PYTHON, version: '3.11.7', implementation: 'CPython' });
  });

  it('then the environment variable', async () => {
    process.env[PYTHON_ENV_VAR] = '/nonexistent/python';
    await expect(findPython({})).rejects.toThrow(/ASYNCIO_CONFORMANCE_PYTHON[\s\S]*--python/);
  });

  it('then python3 on PATH, resolved past any shim (and cached)', async () => {
    delete process.env[PYTHON_ENV_VAR];
    const first = await findPython({});
    expect(first.executable).not.toMatch(/shims/);
    expect(first.version).toMatch(/^3\.\d+\.\d+$/);
    const started = performance.now();
    expect(await findPython({})).toEqual(first);
    expect(performance.now() - started).toBeLessThan(20); // no second spawn
  });

  it('refuses a Python older than 3.9 with a how-to-fix message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-python-'));
    try {
      const fake = join(dir, 'python3');
      await writeFile(fake, '#!/bin/sh\necho /usr/bin/python3.8\necho 3.8.10\necho CPython\n');
      await chmod(fake, 0o755);
      await expect(findPython({ python: fake })).rejects.toThrow(/3\.8\.10: too old[\s\S]*--python/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the answer remembered from an earlier process (a head start, never trusted)', () => {
  const savedCacheHome = process.env.XDG_CACHE_HOME;
  let dir: string;
  /** A python3 that takes 1 s to answer anything (a slow shim), then is the real interpreter. */
  let slowShim: string;
  const remembered = (): Record<string, PythonInfo> => JSON.parse(readFileSync(pythonMemoryFile(), 'utf8'));
  const rememberNow = async (answers: Record<string, PythonInfo>) => writeFile(pythonMemoryFile(), JSON.stringify(answers));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'python-memory-'));
    process.env.XDG_CACHE_HOME = join(dir, 'cache');
    await mkdir(join(dir, 'cache', 'asyncio-conformance'), { recursive: true });
    slowShim = join(dir, 'python3');
    await writeFile(slowShim, `#!/bin/sh\nsleep 1\nexec ${PYTHON} "$@"\n`);
    await chmod(slowShim, 0o755);
  });
  afterEach(async () => {
    if (savedCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedCacheHome;
    await rm(dir, { recursive: true, force: true });
  });

  it('a probe remembers its answer; the next process gets it at once, while the probe runs again', async () => {
    const truth = await findPython({ python: slowShim });
    expect(truth.executable).toBe(PYTHON);
    expect(remembered()[slowShim]).toEqual(truth);
    // Another process (a fresh in-process cache) would get the remembered answer without waiting
    // for the shim: here, another name for the same shim, remembered by hand.
    const alias = join(dir, 'python3-alias');
    await writeFile(alias, `#!/bin/sh\nexec ${slowShim} "$@"\n`);
    await chmod(alias, 0o755);
    await rememberNow({ ...remembered(), [alias]: truth });
    let probed = false;
    const guess = guessPython({ python: alias });
    void findPython({ python: alias }).then(() => (probed = true));
    expect(await guess).toEqual(truth);
    expect(probed).toBe(false); // the shim sleeps 1 s before it answers: the guess did not wait for it
  });

  it('an oracle started on a stale answer (another version) starts again on the probe\'s, and the file is corrected', async () => {
    const stale: PythonInfo = { executable: PYTHON, version: '3.10.0', implementation: 'CPython' };
    await rememberNow({ [slowShim]: stale });
    const oracle = await startOracle({ python: slowShim, workers: 1 });
    try {
      expect(oracle.info.version).toBe('3.11.7');
      expect((await oracle.run('import asyncio\nasync def main():\n    print(1)\nasyncio.run(main())\n')).trace).toMatchObject([{ text: '1\n' }]);
    } finally {
      await oracle.close();
    }
    expect(remembered()[slowShim]).toEqual({ executable: PYTHON, version: '3.11.7', implementation: 'CPython' });
  });

  it('a remembered interpreter that is gone costs nothing but the head start', async () => {
    await rememberNow({ [slowShim]: { executable: join(dir, 'gone', 'python3'), version: '3.11.7', implementation: 'CPython' } });
    const oracle = await startOracle({ python: slowShim, workers: 1 });
    try {
      expect(oracle.info.executable).toBe(PYTHON);
    } finally {
      await oracle.close();
    }
  });

  it('an interpreter that is gone is refused as before, and forgotten', async () => {
    const gone = join(dir, 'gone-python3');
    await rememberNow({ [gone]: { executable: PYTHON, version: '3.11.7', implementation: 'CPython' } });
    await expect(startOracle({ python: gone, workers: 1 })).rejects.toThrow(/Cannot run Python '.*gone-python3' \(from --python\)/);
    await expect.poll(() => gone in remembered()).toBe(false);
  });

  it('the file lives in the user\'s cache directory, never in the checkout', () => {
    expect(pythonMemoryFile()).toBe(join(dir, 'cache', 'asyncio-conformance', 'python.json'));
    expect(existsSync(new URL('../../python.json', import.meta.url))).toBe(false);
  });
});
