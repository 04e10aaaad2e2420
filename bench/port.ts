/**
 * The port's driving mode, measured: µs per loop handle (one macrotask each, so every
 * microtask a handle causes runs before the next handle) and a bare setImmediate for scale.
 */
import * as asyncio from '../port/index.ts';

/** 10 tasks that each yield 200 times: ~2,000 handles, nothing but scheduling. */
const spin = asyncio.coroutine('spin', async () => {
  const w = asyncio.coroutine('w', async () => {
    for (let i = 0; i < 200; i++) await asyncio.aw(asyncio.sleep(0));
    return null;
  });
  await asyncio.aw(asyncio.gather(...Array.from({ length: 10 }, () => w())));
  return null;
});

async function runSpin(): Promise<number> {
  asyncio._reset_task_name_counter();
  const policy = new asyncio.VirtualClockPolicy({ clock: 'realistic' });
  asyncio.set_event_loop_policy(policy);
  let handles = 0;
  const original = asyncio.Handle.prototype._run;
  asyncio.Handle.prototype._run = function (this: asyncio.Handle) {
    handles++;
    original.call(this);
  };
  try {
    await asyncio.run(spin());
  } finally {
    asyncio.Handle.prototype._run = original;
    asyncio.set_event_loop_policy(null);
  }
  return handles;
}

export async function benchPortHandles(): Promise<{ perHandleMicros: number; setImmediateMicros: number; handles: number }> {
  let handles = 0;
  let perHandleMicros = Infinity;
  for (let k = 0; k < 6; k++) {
    const started = performance.now();
    handles = await runSpin();
    perHandleMicros = Math.min(perHandleMicros, ((performance.now() - started) * 1000) / handles);
  }
  const started = performance.now();
  for (let i = 0; i < 20_000; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  const setImmediateMicros = ((performance.now() - started) * 1000) / 20_000;
  return { perHandleMicros, setImmediateMicros, handles };
}
