import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPython, PYTHON_ENV_VAR } from '../../oracle/find-python.ts';
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
