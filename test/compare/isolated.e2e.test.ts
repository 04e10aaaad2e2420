/**
 * compare/isolated.ts: a side run in a child process. The wall clock starts when the program
 * starts (not while the child loads), a wall-clock stop keeps what was printed and is retried
 * once, and what the child writes on stderr reaches the caller capped, without source text. A
 * child that answered serves the next program, which runs as in a fresh one; a stopped one does not.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../ir/program.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { childrenStarted, prestartChild, runIsolated, runIsolatedOnce } from '../../compare/isolated.ts';
import { MESSAGE_LIMIT_CHARS, STDERR_LIMIT_BYTES } from '../../compare/capped-text.ts';
import { runOnOracle } from '../../compare/sides.ts';
import { compareRuns } from '../../compare/traces.ts';
import { isFailure, judgeUserProgram } from '../../compare/verdict.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { HOLDOUT } from '../_support/holdout.ts';

const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };


const LOOPS_AFTER_A_PRINT = `import asyncio

async def main():
    print('before the loop')
    while True:
        pass

asyncio.run(main())
`;

const DEEP = (depth: number) => `import asyncio

async def down(n):
    if n == 0:
        return 0
    return 1 + await down(n - 1)

async def main():
    print(await down(${depth}))

asyncio.run(main())
`;

async function imported(source: string, name: string): Promise<Program> {
  return (await sharedOracle()).importSource(source, name);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isolated-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `body` with NODE_OPTIONS importing `module` into every child this process forks. */
async function withChildPreload<T>(module: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --import ${pathToFileURL(module).href}`.trim();
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

describe('runIsolated', () => {
  it('runs a holdout-sized program on the port and the native profile as CPython prints it', async () => {
    const program = await imported(HOLDOUT, 'holdout.py');
    const expected = await runOnOracle(await sharedOracle(), program, options);
    if (isFailure(expected)) throw new Error(expected.failure);
    for (const side of ['port', 'native'] as const) {
      const actual = await runIsolated({ side, program, options }, 5000);
      if (isFailure(actual)) throw new Error(actual.failure);
      expect(actual.outcome).toEqual({ kind: 'ok' });
      expect(compareRuns(expected, actual, { times: side === 'port' }).same).toBe(true);
      expect(actual.stderr).toBeUndefined();
    }
  });

  it('a program that never yields ends as a wall-clock stop, after a retry, with what it printed kept', async () => {
    const program = await imported(LOOPS_AFTER_A_PRINT, 'loops.py');
    for (const side of ['port', 'native'] as const) {
      const result = await runIsolated({ side, program, options }, 200);
      if (isFailure(result)) throw new Error(result.failure);
      expect(result.outcome).toEqual({ kind: 'budget', limit: 'wallclock' });
      expect(result.trace.map((entry) => entry.text)).toEqual(['before the loop\n']);
    }
  });

  it('the wall clock does not count the child loading: a start slowed by 3 s still fits a 1 s budget', async () => {
    const slowStart = join(dir, 'slow-start.mjs');
    // Busy, not asleep: the child is as slow to load as on a saturated machine.
    await writeFile(slowStart, 'const end = Date.now() + 3000; while (Date.now() < end) {}\n');
    const program = await imported(HOLDOUT, 'holdout.py');
    const result = await withChildPreload(slowStart, () => runIsolatedOnce({ side: 'port', program, options }, 1000));
    if (isFailure(result)) throw new Error(result.failure);
    expect(result.outcome).toEqual({ kind: 'ok' });
    expect(result.trace.at(-1)?.text).toBe('done\n');
  });

  it('a child that cannot even load within its boot limit is a wall-clock stop, not a crash', async () => {
    const program = await imported(HOLDOUT, 'holdout.py');
    const result = await runIsolatedOnce({ side: 'native', program, options }, 5000, 1);
    expect(isFailure(result) ? result.failure : result.outcome).toEqual({ kind: 'budget', limit: 'wallclock' });
  });

  it('a warm child runs the next program as a fresh one would; after a wall-clock stop a new child is started', async () => {
    const program = await imported(HOLDOUT, 'holdout.py');
    const first = await runIsolated({ side: 'port', program, options }, 5000);
    const before = childrenStarted();
    const again = await runIsolated({ side: 'port', program, options }, 5000);
    expect(childrenStarted()).toBe(before);
    expect(again).toEqual(first);
    const loops = await imported(LOOPS_AFTER_A_PRINT, 'loops.py');
    expect(await runIsolatedOnce({ side: 'port', program: loops, options }, 200)).toMatchObject({ outcome: { kind: 'budget', limit: 'wallclock' } });
    const afterStop = childrenStarted();
    expect(await runIsolated({ side: 'port', program, options }, 5000)).toEqual(first);
    expect(await runIsolated({ side: 'port', program, options }, 5000)).toEqual(first);
    // The stopped child was killed: the next run took the other idle one or a new one, never the stopped one.
    expect(childrenStarted() - afterStop).toBeLessThanOrEqual(1);
  });

  it('a child started ahead (run, compare) serves the program sent while it still loads; no second child starts', async () => {
    const program = await imported(HOLDOUT, 'holdout.py');
    const expected = await runIsolated({ side: 'native', program, options }, 5000);
    // Kill the idle children: the prestart below has to start one.
    const loops = await imported(LOOPS_AFTER_A_PRINT, 'loops.py');
    await runIsolatedOnce({ side: 'native', program: loops, options }, 200);
    await runIsolatedOnce({ side: 'native', program: loops, options }, 200);
    const before = childrenStarted();
    prestartChild();
    prestartChild(); // one idle child is there already: nothing more
    expect(childrenStarted()).toBe(before + 1);
    // Sent at once: the child is still loading the port when the program arrives.
    expect(await runIsolated({ side: 'native', program, options }, 5000)).toEqual(expected);
    expect(childrenStarted()).toBe(before + 1);
  });

  it("the child's stderr is capped, with a note of how much was cut", async () => {
    const noisy = join(dir, 'noisy.mjs');
    // 2 MB of warnings, the way an exponential fan-out once wrote 114 MB.
    await writeFile(noisy, "process.stderr.write('(node:1) Warning: something happened once more\\n'.repeat(44_000));\n");
    const program = await imported(HOLDOUT, 'holdout.py');
    const result = await withChildPreload(noisy, () => runIsolated({ side: 'native', program, options }, 5000));
    if (isFailure(result)) throw new Error(result.failure);
    expect(result.trace.at(-1)?.text).toBe('done\n');
    expect(result.stderr).toMatch(/^\(node:1\) Warning: something happened once more\n/);
    expect(result.stderr).toMatch(/\[asyncio-conformance: 2\.1 MB more of the native side's stderr cut\]\n$/);
    expect(Buffer.byteLength(result.stderr ?? '')).toBeLessThan(STDERR_LIMIT_BYTES + 200);
    // What the child wrote while loading belongs to the first program it ran, not to the next.
    const next = await withChildPreload(noisy, () => runIsolated({ side: 'native', program, options }, 5000));
    expect(isFailure(next) ? next.failure : next.stderr).toBeUndefined();
  });

  it('a 16 MB print gets the same verdict twice (`same`): neither side counts the transfer as run time', async () => {
    const program = await imported('import asyncio\n\nasync def main():\n    print("x" * 16000000)\n\nasyncio.run(main())\n', 'big.py');
    for (let i = 0; i < 2; i++) {
      const [expected, actual] = await Promise.all([runOnOracle(await sharedOracle(), program, options), runIsolated({ side: 'port', program, options }, 5000)]);
      expect(judgeUserProgram(expected, actual).verdict).toBe('same');
    }
  });

  it('a deep recursion on the port never dumps source text or unbounded text', async () => {
    const program = await imported(DEEP(20_000), 'deep.py');
    const result = await runIsolated({ side: 'port', program, options }, 5000);
    const stderr = result.stderr ?? '';
    expect(Buffer.byteLength(stderr)).toBeLessThan(STDERR_LIMIT_BYTES + 200);
    expect(stderr).not.toContain('await');
    if (isFailure(result)) {
      expect(result.failure.length).toBeLessThan(MESSAGE_LIMIT_CHARS + 100);
      expect(result.failure).not.toContain('await');
    } else {
      expect(result.outcome.kind).not.toBe('budget');
    }
  });
});
