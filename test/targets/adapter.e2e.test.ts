/**
 * The real bin (the bundled CLI, as `npx asyncio-conformance` runs it) with adapters written
 * outside the repository and named by a relative path from the user's folder: the bundled
 * child entry loads an .mjs adapter that imports TypeScript and a .ts adapter.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli/_cli.ts';
import { writeAdapters } from './_adapters.ts';

const dir = writeAdapters(['eager-start.mjs', 'typed.ts']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bin(args: string[]) {
  const r = await execa('node', [BIN, ...args], { cwd: dir, reject: false, stripFinalNewline: false, timeout: 240_000 });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode };
}

describe('adapters through the spawned CLI', () => {
  it('check --target ./eager-start.mjs finds and names the fault; exit 1', async () => {
    const r = await bin(['check', '--target', './eager-start.mjs', '--runs', '40', '--seed', '42', '--constraints', '{"swarm":false}', '--no-shrink', '--workers', '1']);
    expect(r.stdout).toContain('── eager-start:');
    expect(r.stdout).toContain('replay: npx asyncio-conformance check --target ./eager-start.mjs --seed 42 --path');
    expect(r.exitCode).toBe(1);
  });

  it('run FILE.py --target ./typed.ts prints what python3 prints', async () => {
    const file = join(dir, 'hello.py');
    writeFileSync(file, "import asyncio\n\nasync def main():\n    t = asyncio.create_task(asyncio.sleep(0))\n    print('hello', 1 / 4)\n    await t\n\nasyncio.run(main())\n");
    const r = await bin(['run', 'hello.py', '--target', './typed.ts']);
    expect(r.stdout).toBe('hello 0.25\n');
    expect(r.exitCode).toBe(0);
  });
});
