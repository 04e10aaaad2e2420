/**
 * Tests ported from CPython 3.11's Lib/test/test_asyncio/test_tasks.py (names kept), run on
 * the port's ideal-clock loop. They pin cancellation and step order white-box, as CPython does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as asyncio from '../../port/index.ts';
import { RuntimeError, ValueError } from '../../runtime/exceptions.ts';
import { expectRaises, newTestLoop, runBriefly } from './_loop.ts';

const { coroutine, aw, sleep, CancelledError } = asyncio;
let loop: asyncio.VirtualClockEventLoop;

afterEach(() => {
  loop?.close();
  asyncio.set_event_loop_policy(null);
});

describe('test_tasks (ported)', () => {
  it('test_cancel_yield', async () => {
    loop = newTestLoop();
    const task = coroutine('task', async () => {
      await aw(sleep(0));
      await aw(sleep(0));
      return 12n;
    });
    const t = loop.create_task(task());
    await runBriefly(loop); // start coro
    t.cancel();
    await expectRaises(CancelledError, loop.run_until_complete(t));
    expect(t.done()).toBe(true);
    expect(t.cancelled()).toBe(true);
    expect(t.cancel()).toBe(false);
  });

  it('test_cancel_inner_future', async () => {
    loop = newTestLoop();
    const f = loop.create_future<bigint>();
    const task = coroutine('task', async () => {
      await aw(f);
      return 12n;
    });
    const t = loop.create_task(task());
    await runBriefly(loop); // start task
    f.cancel();
    await expectRaises(CancelledError, loop.run_until_complete(t));
    expect(f.cancelled()).toBe(true);
    expect(t.cancelled()).toBe(true);
  });

  it('test_cancel_both_task_and_inner_future', async () => {
    loop = newTestLoop();
    const f = loop.create_future<bigint>();
    const task = coroutine('task', async () => {
      await aw(f);
      return 12n;
    });
    const t = loop.create_task(task());
    await runBriefly(loop);
    f.cancel();
    t.cancel();
    await expectRaises(CancelledError, loop.run_until_complete(t));
    expect(t.done()).toBe(true);
    expect(f.cancelled()).toBe(true);
    expect(t.cancelled()).toBe(true);
  });

  it('test_cancel_task_catching', async () => {
    loop = newTestLoop();
    const fut1 = loop.create_future<null>();
    const fut2 = loop.create_future<null>();
    const task = coroutine('task', async () => {
      await aw(fut1);
      try {
        await aw(fut2);
      } catch (e) {
        if (e instanceof CancelledError) return 42n;
        throw e;
      }
      return 0n;
    });
    const t = loop.create_task(task());
    await runBriefly(loop);
    expect(t._fut_waiter).toBe(fut1); // White-box test.
    fut1.set_result(null);
    await runBriefly(loop);
    expect(t._fut_waiter).toBe(fut2); // White-box test.
    t.cancel();
    expect(fut2.cancelled()).toBe(true);
    expect(await loop.run_until_complete(t)).toBe(42n);
    expect(t.done()).toBe(true);
    expect(t.cancelled()).toBe(false);
  });

  it('test_cancel_task_ignoring', async () => {
    loop = newTestLoop();
    const fut1 = loop.create_future<null>();
    const fut2 = loop.create_future<null>();
    const fut3 = loop.create_future<bigint>();
    const task = coroutine('task', async () => {
      await aw(fut1);
      try {
        await aw(fut2);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
      }
      return aw(fut3);
    });
    const t = loop.create_task(task());
    await runBriefly(loop);
    expect(t._fut_waiter).toBe(fut1);
    fut1.set_result(null);
    await runBriefly(loop);
    expect(t._fut_waiter).toBe(fut2);
    t.cancel();
    expect(fut2.cancelled()).toBe(true);
    await runBriefly(loop);
    expect(t._fut_waiter).toBe(fut3);
    fut3.set_result(42n);
    expect(await loop.run_until_complete(t)).toBe(42n);
    expect(fut3.cancelled()).toBe(false);
    expect(t.cancelled()).toBe(false);
  });

  it('test_cancel_current_task', async () => {
    loop = newTestLoop();
    let t!: asyncio.Task<bigint>;
    const task = coroutine('task', async () => {
      t.cancel();
      expect(t._must_cancel).toBe(true); // White-box test.
      // The sleep should be cancelled immediately.
      await aw(sleep(100));
      return 12n;
    });
    t = loop.create_task(task());
    expect(t.cancelled()).toBe(false);
    await expectRaises(CancelledError, loop.run_until_complete(t));
    expect(t.done()).toBe(true);
    expect(t.cancelled()).toBe(true);
    expect(t._must_cancel).toBe(false); // White-box test.
    expect(t.cancel()).toBe(false);
    expect(loop.virtualNow()).toBe(0); // the 100 s sleep never waited
  });

  it('test_cancel_at_end', async () => {
    // A coroutine that requests cancellation of itself at its very end.
    loop = newTestLoop();
    let t!: asyncio.Task<bigint>;
    const task = coroutine('task', async () => {
      t.cancel();
      expect(t._must_cancel).toBe(true);
      return 12n;
    });
    t = loop.create_task(task());
    await expectRaises(CancelledError, loop.run_until_complete(t));
    expect(t.done()).toBe(true);
    expect(t.cancelled()).toBe(true);
    expect(t._must_cancel).toBe(false);
  });

  it('test_cancel_with_message_then_future_result', async () => {
    loop = newTestLoop();
    const task = coroutine('sleep', async () => {
      await aw(sleep(10));
      return null;
    });
    const t = loop.create_task(task());
    await runBriefly(loop);
    t.cancel('my message');
    const exc = (await expectRaises(CancelledError, loop.run_until_complete(t))) as Error;
    expect(exc.message).toBe('my message');
    // The saved CancelledError was handed out once; `super().cancel()` kept no message (as CPython).
    expect(() => t.result()).toThrow(CancelledError);
    try {
      t.result();
    } catch (e) {
      expect((e as Error).message).toBe('');
    }
  });

  it('test_sleep_cancel', async () => {
    loop = newTestLoop();
    let handle: asyncio.TimerHandle | null = null;
    const orig_call_later = loop.call_later.bind(loop);
    loop.call_later = (delay, callback, ...args) => {
      handle = orig_call_later(delay, callback, ...args);
      return handle;
    };
    const t = loop.create_task(sleep(10, 'yeah'));
    await runBriefly(loop);
    expect(handle!._cancelled).toBe(false);
    t.cancel();
    await runBriefly(loop);
    expect(handle!._cancelled).toBe(true);
    await expectRaises(CancelledError, loop.run_until_complete(t));
  });

  it('test_task_cancel_sleeping_task', async () => {
    loop = newTestLoop();
    const sleeper = coroutine('sleeper', async () => {
      await aw(sleep(10));
      return null;
    });
    const doit = coroutine('doit', async () => {
      const sleeper_t = asyncio.create_task(sleeper());
      const cancelit = coroutine('cancelit', async () => {
        sleeper_t.cancel();
        return 'cancelled';
      });
      const cancelled_t = asyncio.create_task(cancelit());
      try {
        await aw(sleeper_t);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        return 'cancelled';
      }
      return await aw(cancelled_t);
    });
    expect(await loop.run_until_complete(loop.create_task(doit()))).toBe('cancelled');
    expect(loop.virtualNow()).toBe(0);
  });

  it('test_step_result_future / a task wakes one iteration after its future is done', async () => {
    loop = newTestLoop();
    const f = loop.create_future<string>();
    const seen: string[] = [];
    const waiter = coroutine('waiter', async () => {
      seen.push(`got ${await aw(f)} at ${loop.iterations}`);
      return null;
    });
    const t = loop.create_task(waiter());
    await runBriefly(loop); // 2 iterations: the waiter is suspended on f
    loop.call_soon(() => f.set_result('x'));
    await loop.run_until_complete(t);
    // iteration 3 sets the result, iteration 4 runs __wakeup.
    expect(seen).toEqual(['got x at 4']);
  });

  it('test_current_task / test_all_tasks', async () => {
    loop = newTestLoop();
    expect(() => asyncio.current_task()).toThrow('no running event loop');
    let inside: asyncio.Task<unknown> | null = null;
    let pending = 0;
    const coro = coroutine('coro', async () => {
      inside = asyncio.current_task();
      asyncio.create_task(sleep(1));
      pending = asyncio.all_tasks().size;
      return null;
    });
    const t = loop.create_task(coro());
    await loop.run_until_complete(t);
    expect(inside).toBe(t);
    expect(pending).toBe(2);
    expect(asyncio.current_task(loop)).toBe(null);
  });

  it('test_task_set_name / get_name with the Task-N counter', async () => {
    asyncio._reset_task_name_counter();
    loop = newTestLoop();
    const noop = coroutine('noop', async () => null);
    const a = loop.create_task(noop());
    const b = loop.create_task(noop(), { name: 'custom' });
    const c = loop.create_task(noop());
    expect([a.get_name(), b.get_name(), c.get_name()]).toEqual(['Task-1', 'custom', 'Task-2']);
    c.set_name(7n);
    expect(c.get_name()).toBe('7');
    await loop.run_until_complete(asyncio.gather(a, b, c));
  });

  it('test_create_task_with_noncoroutine / lazy coroutines', async () => {
    loop = newTestLoop();
    let ran = false;
    const body = coroutine('body', async () => {
      ran = true;
      return null;
    });
    const c = body();
    expect(ran).toBe(false); // creating a coroutine runs nothing
    expect(() => loop.create_task(42 as never)).toThrow('a coroutine was expected, got 42');
    await loop.run_until_complete(c);
    expect(ran).toBe(true);
    const reused = (await expectRaises(RuntimeError, loop.run_until_complete(c))) as Error;
    expect(reused.message).toBe('cannot reuse already awaited coroutine');
  });

  it('test_task_set_methods', async () => {
    loop = newTestLoop();
    const t = loop.create_task(sleep(0));
    expect(() => t.set_result(null)).toThrow('Task does not support set_result operation');
    expect(() => t.set_exception(new ValueError())).toThrow('Task does not support set_exception operation');
    await loop.run_until_complete(t);
  });
});

describe('test_gather (ported from GatherTestsBase)', () => {
  it('test_constructor_empty_sequence', async () => {
    loop = newTestLoop();
    const fut = asyncio.gather();
    expect(fut.done()).toBe(true);
    expect(fut.result()).toEqual([]);
  });

  it('test_one_exception', async () => {
    loop = newTestLoop();
    const [a, b, c, d, e] = Array.from({ length: 5 }, () => loop.create_future<bigint>());
    const fut = asyncio.gather(a, b, c, d, e);
    const seen: unknown[] = [];
    fut.add_done_callback((f) => seen.push(f));
    const exc = new ValueError('boom');
    a.set_result(1n);
    b.set_exception(exc);
    await runBriefly(loop);
    expect(fut.done()).toBe(true);
    expect(fut.exception()).toBe(exc);
    expect(seen).toEqual([fut]);
    c.set_result(3n);
    d.cancel();
    e.set_exception(new ValueError());
    await runBriefly(loop);
  });

  it('test_return_exceptions', async () => {
    loop = newTestLoop();
    const [a, b, c, d] = Array.from({ length: 4 }, () => loop.create_future<bigint>());
    const fut = asyncio.gatherWith({ return_exceptions: true }, a, b, c, d);
    const exc = new ValueError();
    const exc2 = new ValueError('x');
    b.set_exception(exc);
    a.set_result(1n);
    await runBriefly(loop);
    expect(fut.done()).toBe(false);
    d.set_exception(exc2);
    c.set_result(3n);
    await runBriefly(loop);
    expect(fut.result()).toEqual([1n, exc, 3n, exc2]);
  });

  it('test_cancellation_broadcast', async () => {
    loop = newTestLoop();
    const proof = { n: 0 };
    const inner = coroutine('inner', async () => {
      await aw(sleep(1));
      proof.n += 1;
      return null;
    });
    const child1 = asyncio.ensure_future(inner(), { loop });
    const child2 = asyncio.ensure_future(inner(), { loop });
    let gatherer: asyncio.Future<unknown[]> | null = null;
    const outer = coroutine('outer', async () => {
      gatherer = asyncio.gather(child1, child2);
      await aw(gatherer);
      proof.n += 100;
      return null;
    });
    const f = asyncio.ensure_future(outer(), { loop });
    await runBriefly(loop);
    expect(f.cancel()).toBe(true);
    await expectRaises(CancelledError, loop.run_until_complete(f));
    expect(gatherer!.cancel()).toBe(false);
    expect(child1.cancelled() && child2.cancelled()).toBe(true);
    expect(proof.n).toBe(0);
  });
});
