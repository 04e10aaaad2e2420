/** Helpers for tests ported from CPython's test_asyncio (test_utils.run_briefly and friends). */
import * as asyncio from '../../port/index.ts';

/** A fresh ideal-clock loop, set as the policy's current loop (CPython tests: `self.new_test_loop()`). */
export function newTestLoop(): asyncio.VirtualClockEventLoop {
  const policy = new asyncio.VirtualClockPolicy({ clock: 'ideal' });
  asyncio.set_event_loop_policy(policy);
  const loop = policy.new_event_loop();
  asyncio.set_event_loop(loop);
  return loop;
}

/** Ports test_asyncio/utils.py run_briefly, 3.11: run the loop until `async def once(): pass` is done. */
export async function runBriefly(loop: asyncio.BaseEventLoop): Promise<void> {
  const once = asyncio.coroutine('once', async () => null);
  await loop.run_until_complete(loop.create_task(once()));
}

/** Ports `self.assertRaises(cls, loop.run_until_complete, fut)`. */
export async function expectRaises(cls: abstract new (...a: never[]) => unknown, p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    if (e instanceof cls) return e;
    throw e;
  }
  throw new Error(`${cls.name} not raised`);
}
