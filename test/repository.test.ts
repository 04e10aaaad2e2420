/**
 * The repository holds sources only: nothing git ignores is tracked, and running the product
 * leaves the checkout as it was (no bytecode cache written next to the oracle's worker).
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { Oracle } from '../oracle/pool.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('repository hygiene', () => {
  it('git tracks no path that .gitignore ignores (node_modules, caches, build output)', async () => {
    const { stdout } = await execa('git', ['ls-files', '-ci', '--exclude-standard'], { cwd: ROOT });
    expect(stdout.split('\n').filter(Boolean)).toEqual([]);
  });

  it('running the oracle writes no __pycache__ into the checkout', async () => {
    const cache = fileURLToPath(new URL('../oracle/python/__pycache__', import.meta.url));
    rmSync(cache, { recursive: true, force: true });
    const oracle = await Oracle.start({ workers: 1 });
    try {
      const result = await oracle.run('import asyncio\nasync def main():\n    print(1)\nasyncio.run(main())\n');
      expect(result.trace.map((entry) => entry.text)).toEqual(['1\n']);
      expect(await oracle.importSource('x = 1\n', 'prog.py')).toMatchObject({ body: [{ kind: 'assign' }] });
    } finally {
      await oracle.close();
    }
    expect(existsSync(cache)).toBe(false);
  });
});
