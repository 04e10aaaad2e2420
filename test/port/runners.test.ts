/**
 * asyncio.run on the port: harness errors (budget, deadlock) end a run cleanly and leave
 * nothing behind; argument checks as in CPython's test_runners.py; and the default
 * real-clock policy, for a transpiled file run on its own with `npx tsx`.
 */
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as asyncio from '../../port/index.ts';
import { RuntimeError, ValueError } from '../../runtime/exceptions.ts';
import { SLEEP0_INTERLEAVE } from './_programs.ts';
import { PYTHON } from '../_support/python.ts';
import { runOnPort } from './_dual.ts';

const { coroutine, aw, sleep } = asyncio;

async function runWith<T>(policy: asyncio.VirtualClockPolicy, main: asyncio.Coroutine<T>): Promise<unknown> {
  asyncio.set_event_loop_policy(policy);
  try {
    return await asyncio.run(main);
  } catch (e) {
    return e;
  } finally {
    asyncio.set_event_loop_policy(null);
  }
}

describe('harness errors end the run cleanly', () => {
  it('an endless sleep(0) loop exceeds the iteration budget', async () => {
    const policy = new asyncio.VirtualClockPolicy({ clock: 'realistic', budget: { maxIterations: 500, maxTime: 1e5 } });
    const spin = coroutine('spin', async () => {
      for (;;) await aw(sleep(0));
    });
    const err = await runWith(policy, spin());
    expect(err).toBeInstanceOf(asyncio.BudgetExceeded);
    expect((err as asyncio.BudgetExceeded).limit).toBe('iterations');
    expect(policy.lastLoop!.iterations).toBe(501);
    expect(policy.lastLoop!.is_closed()).toBe(true);
    expect(asyncio._get_running_loop()).toBe(null);
  });

  it('an endless sleep(1) loop exceeds the time budget, before any handle runs past it', async () => {
    const policy = new asyncio.VirtualClockPolicy({ clock: 'ideal', budget: { maxIterations: 1e5, maxTime: 10 } });
    let last = 0;
    const tick = coroutine('tick', async () => {
      for (;;) {
        await aw(sleep(1));
        last = asyncio.get_running_loop().virtualNow();
      }
    });
    const err = await runWith(policy, tick());
    expect((err as asyncio.BudgetExceeded).limit).toBe('time');
    expect(last).toBe(10);
  });

  it('awaiting a future nobody resolves is a deadlock, and the shutdown runs nothing more', async () => {
    const policy = new asyncio.VirtualClockPolicy({ clock: 'realistic' });
    const printed: string[] = [];
    const stuck = coroutine('stuck', async () => {
      try {
        await aw(asyncio.get_running_loop().create_future());
      } finally {
        printed.push('finally');
      }
      return null;
    });
    const err = await runWith(policy, stuck());
    expect(err).toBeInstanceOf(asyncio.Deadlock);
    expect(printed).toEqual([]);
  });

  it('the next program starts fresh: Task-1, iteration 0, clock 0', async () => {
    const alone = await runOnPort(SLEEP0_INTERLEAVE.ts, 'realistic');
    const policy = new asyncio.VirtualClockPolicy({ clock: 'realistic', budget: { maxIterations: 3, maxTime: 1e5 } });
    const leaky = coroutine('leaky', async () => {
      asyncio.create_task(sleep(50));
      asyncio.get_running_loop().call_later(1, () => undefined);
      for (;;) await aw(sleep(0));
    });
    expect(await runWith(policy, leaky())).toBeInstanceOf(asyncio.BudgetExceeded);
    expect(await runOnPort(SLEEP0_INTERLEAVE.ts, 'realistic')).toEqual(alone);
  });
});

describe('test_runners (ported)', () => {
  it('test_asyncio_run_return', async () => {
    const main = coroutine('main', async () => {
      await aw(sleep(0));
      return 42n;
    });
    expect(await runWith(new asyncio.VirtualClockPolicy({ clock: 'ideal' }), main())).toBe(42n);
  });

  it('test_asyncio_run_raises', async () => {
    const main = coroutine('main', async () => {
      await aw(sleep(0));
      throw new ValueError('spam');
    });
    const err = await runWith(new asyncio.VirtualClockPolicy({ clock: 'ideal' }), main());
    expect(err).toBeInstanceOf(ValueError);
    expect((err as Error).message).toBe('spam');
  });

  it('test_asyncio_run_only_coro', async () => {
    await expect(asyncio.run('lol' as never)).rejects.toThrow("a coroutine was expected, got 'lol'");
  });

  it('test_asyncio_run_from_running_loop', async () => {
    const main = coroutine('main', async () => {
      const coro = coroutine('inner', async () => null)();
      try {
        await asyncio.run(coro);
      } catch (e) {
        coro.close();
        return e;
      }
      return null;
    });
    const err = await runWith(new asyncio.VirtualClockPolicy({ clock: 'ideal' }), main());
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toBe('asyncio.run() cannot be called from a running event loop');
  });
});

describe('the default policy is a real clock', () => {
  it('a transpiled-style file run with tsx prints what python3 prints, sleeping for real', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'port-real-'));
    const portIndex = join(process.cwd(), 'port/index.ts');
    const ts = `
import * as asyncio from ${JSON.stringify(portIndex)};
const w = asyncio.coroutine('w', async (i: bigint, d: number) => {
  await asyncio.aw(asyncio.sleep(d));
  console.log('w', String(i));
  return i;
});
const main = asyncio.coroutine('main', async () => {
  const t0 = asyncio.get_running_loop().time();
  const xs = await asyncio.aw(asyncio.gather(w(1n, 0.06), w(2n, 0.02), w(3n, 0.04)));
  const dt = asyncio.get_running_loop().time() - t0;
  console.log(xs.join(','), dt >= 0.06 && dt < 1 ? 'slept' : 'did not sleep ' + dt);
  return null;
});
await asyncio.run(main());
`;
    const py = `
import asyncio
async def w(i, d):
    await asyncio.sleep(d)
    print('w', i)
    return i
async def main():
    t0 = asyncio.get_running_loop().time()
    xs = await asyncio.gather(w(1, 0.06), w(2, 0.02), w(3, 0.04))
    dt = asyncio.get_running_loop().time() - t0
    print(','.join(map(str, xs)), 'slept' if 0.06 <= dt < 1 else 'did not sleep')
asyncio.run(main())
`;
    writeFileSync(join(dir, 'prog.mts'), ts);
    writeFileSync(join(dir, 'prog.py'), py);
    const [port, cpython] = await Promise.all([
      execa(join(process.cwd(), 'node_modules/.bin/tsx'), [join(dir, 'prog.mts')], { cwd: process.cwd() }), // tsx as `npx tsx` finds it
      execa(PYTHON, [join(dir, 'prog.py')]),
    ]);
    expect(port.stdout).toBe(cpython.stdout);
    expect(port.stdout).toBe('w 2\nw 3\nw 1\n1,2,3 slept');
  });
});
