/**
 * Small asyncio programs that pin CPython 3.11's order, each written twice: the Python
 * source (run on real CPython) and a hand transpilation onto the port (in the shape
 * transpile emits). Comparing their traces checks every print, task name, loop
 * iteration and virtual time.
 */
import * as asyncio from '../../port/index.ts';
import type { DualProgram } from './_dual.ts';
import { RuntimeError as RuntimeErrorPy, ValueError as ValueErrorPy } from '../../runtime/exceptions.ts';

const { coroutine, aw, sleep, create_task, gather, CancelledError } = asyncio;
const range = (n: number): bigint[] => Array.from({ length: n }, (_, i) => BigInt(i));

/** `except asyncio.CancelledError:` — anything else propagates. */
const isCancel = (e: unknown): e is InstanceType<typeof CancelledError> => e instanceof CancelledError;

function ties(n: number): DualProgram {
  return {
    name: `ties${n}`,
    py: `
import asyncio
async def w(i):
    await asyncio.sleep(0.02)
    print(i)
async def main():
    ts = [asyncio.create_task(w(i)) for i in range(${n})]
    for t in ts:
        await t
asyncio.run(main())
`,
    ts: (print) => {
      const w = coroutine('w', async (i: bigint) => {
        await aw(sleep(0.02));
        print(i);
        return null;
      });
      return coroutine('main', async () => {
        const ts = range(n).map((i) => create_task(w(i)));
        for (const t of ts) await aw(t);
        return null;
      })();
    },
  };
}

export const TIES5 = ties(5);
export const TIES12 = ties(12);

/** SEMANTICS.md's seed tutorial: the task never awaited runs its first step only. */
export const SEED_TUTORIAL: DualProgram = {
  name: 'seed_tutorial',
  py: `
import asyncio
async def printer():
    print('text')
    await asyncio.sleep(1)
    print('after')
async def main():
    print('shav')
    asyncio.create_task(printer())
    print('finished')
asyncio.run(main())
`,
  ts: (print) => {
    const printer = coroutine('printer', async () => {
      print('text');
      await aw(sleep(1));
      print('after');
      return null;
    });
    return coroutine('main', async () => {
      print('shav');
      create_task(printer());
      print('finished');
      return null;
    })();
  },
};

/** The seed tutorial with `await asyncio.sleep(2)` before 'finished'. */
export const SEED_TUTORIAL_SLEEP2: DualProgram = {
  name: 'seed_tutorial_sleep2',
  py: `
import asyncio
async def printer():
    print('text')
    await asyncio.sleep(1)
    print('after')
async def main():
    print('shav')
    asyncio.create_task(printer())
    await asyncio.sleep(2)
    print('finished')
asyncio.run(main())
`,
  ts: (print) => {
    const printer = coroutine('printer', async () => {
      print('text');
      await aw(sleep(1));
      print('after');
      return null;
    });
    return coroutine('main', async () => {
      print('shav');
      create_task(printer());
      await aw(sleep(2));
      print('finished');
      return null;
    })();
  },
};

/** Round robin of bare yields. */
export const SLEEP0_INTERLEAVE: DualProgram = {
  name: 'sleep0_interleave',
  py: `
import asyncio
async def w(i):
    for j in range(3):
        print(i, j)
        await asyncio.sleep(0)
    return i
async def main():
    ts = [asyncio.create_task(w(i)) for i in range(3)]
    print('created')
    await asyncio.sleep(0)
    print('main resumed')
    for t in ts:
        print('result', await t)
asyncio.run(main())
`,
  ts: (print) => {
    const w = coroutine('w', async (i: bigint) => {
      for (const j of range(3)) {
        print(i, j);
        await aw(sleep(0));
      }
      return i;
    });
    return coroutine('main', async () => {
      const ts = range(3).map((i) => create_task(w(i)));
      print('created');
      await aw(sleep(0));
      print('main resumed');
      for (const t of ts) print('result', await aw(t));
      return null;
    })();
  },
};

/**
 * A task resumed first that awaits non-suspending coroutines still prints before a task
 * resumed second: each handle must finish its microtasks before the next handle runs.
 */
export const INLINE_COROUTINE_ORDER: DualProgram = {
  name: 'inline_coroutine_order',
  py: `
import asyncio
async def noop(x):
    return x + 1
async def a():
    await asyncio.sleep(0)
    x = await noop(0)
    x = await noop(x)
    x = await noop(x)
    print('a', x)
async def b():
    await asyncio.sleep(0)
    print('b')
async def main():
    t1 = asyncio.create_task(a())
    t2 = asyncio.create_task(b())
    await t1
    await t2
asyncio.run(main())
`,
  ts: (print) => {
    const noop = coroutine('noop', async (x: bigint) => x + 1n);
    const a = coroutine('a', async () => {
      await aw(sleep(0));
      let x = await aw(noop(0n));
      x = await aw(noop(x));
      x = await aw(noop(x));
      print('a', x);
      return null;
    });
    const b = coroutine('b', async () => {
      await aw(sleep(0));
      print('b');
      return null;
    });
    return coroutine('main', async () => {
      const t1 = create_task(a());
      const t2 = create_task(b());
      await aw(t1);
      await aw(t2);
      return null;
    })();
  },
};

/** Task.cancel() propagates through `_fut_waiter` into the awaited task. */
export const CANCEL_PROPAGATION: DualProgram = {
  name: 'cancel_propagation',
  py: `
import asyncio
async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('inner cancelled')
        raise
async def outer(t):
    try:
        await t
    except asyncio.CancelledError:
        print('outer cancelled', t.cancelled())
        raise
async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0.1)
    print('cancel', o.cancel())
    for _ in range(3):
        await asyncio.sleep(0)
        print(i.cancelled(), o.cancelled(), o.done())
asyncio.run(main())
`,
  ts: (print) => {
    const inner = coroutine('inner', async () => {
      try {
        await aw(sleep(10));
      } catch (e) {
        if (isCancel(e)) print('inner cancelled');
        throw e;
      }
      return null;
    });
    const outer = coroutine('outer', async (t: asyncio.Task<null>) => {
      try {
        await aw(t);
      } catch (e) {
        if (isCancel(e)) print('outer cancelled', t.cancelled());
        throw e;
      }
      return null;
    });
    return coroutine('main', async () => {
      const i = create_task(inner());
      const o = create_task(outer(i));
      await aw(sleep(0.1));
      print('cancel', o.cancel());
      for (const _ of range(3)) {
        await aw(sleep(0));
        print(i.cancelled(), o.cancelled(), o.done());
      }
      return null;
    })();
  },
};

/** 3.11: gather of an already-done task costs 2 extra iterations. */
export const GATHER_DONE_TASK: DualProgram = {
  name: 'gather_done_task',
  py: `
import asyncio
async def w():
    return 5
async def main():
    t = asyncio.create_task(w())
    await asyncio.sleep(0)
    print(t.done())
    r = await asyncio.gather(t)
    print(r)
    r = await asyncio.gather(w(), t, w())
    print(r)
asyncio.run(main())
`,
  ts: (print) => {
    const w = coroutine('w', async () => 5n);
    return coroutine('main', async () => {
      const t = create_task(w());
      await aw(sleep(0));
      print(t.done());
      let r = await aw(gather(t));
      print(r);
      r = await aw(gather(w(), t, w()));
      print(r);
      return null;
    })();
  },
};

/** asyncio.run's shutdown: the pending task is cancelled and runs its finally. */
export const RUN_SHUTDOWN: DualProgram = {
  name: 'run_shutdown',
  py: `
import asyncio
async def bg():
    print('bg start')
    try:
        await asyncio.sleep(5)
    finally:
        print('bg finally')
async def main():
    asyncio.create_task(bg())
    await asyncio.sleep(0)
    print('main done')
asyncio.run(main())
`,
  ts: (print) => {
    const bg = coroutine('bg', async () => {
      print('bg start');
      try {
        await aw(sleep(5));
      } finally {
        print('bg finally');
      }
      return null;
    });
    return coroutine('main', async () => {
      create_task(bg());
      await aw(sleep(0));
      print('main done');
      return null;
    })();
  },
};

/** A task cancelled before its first step never runs its body. */
export const CANCEL_BEFORE_START: DualProgram = {
  name: 'cancel_before_start',
  py: `
import asyncio
async def w():
    try:
        print('never')
    finally:
        print('never finally')
async def main():
    t = asyncio.create_task(w())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled', t.cancelled())
asyncio.run(main())
`,
  ts: (print) => {
    const w = coroutine('w', async () => {
      try {
        print('never');
      } finally {
        print('never finally');
      }
      return null;
    });
    return coroutine('main', async () => {
      const t = create_task(w());
      t.cancel();
      try {
        await aw(t);
      } catch (e) {
        if (!isCancel(e)) throw e;
        print('cancelled', t.cancelled());
      }
      return null;
    })();
  },
};

/** `_must_cancel` set while the awaited future is already done: the wakeup raises CancelledError. */
export const MUST_CANCEL_AT_WAKEUP: DualProgram = {
  name: 'must_cancel_at_wakeup',
  py: `
import asyncio
async def waiter(f):
    try:
        v = await f
        print('got', v)
    except asyncio.CancelledError:
        print('cancelled at wakeup')
async def main():
    f = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(waiter(f))
    await asyncio.sleep(0)
    f.set_result(1)
    print('cancel', t.cancel())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t.done(), t.cancelled())
asyncio.run(main())
`,
  ts: (print) => {
    const waiter = coroutine('waiter', async (f: asyncio.Future<bigint>) => {
      try {
        const v = await aw(f);
        print('got', v);
      } catch (e) {
        if (!isCancel(e)) throw e;
        print('cancelled at wakeup');
      }
      return null;
    });
    return coroutine('main', async () => {
      const f = asyncio.get_running_loop().create_future<bigint>();
      const t = create_task(waiter(f));
      await aw(sleep(0));
      f.set_result(1n);
      print('cancel', t.cancel());
      await aw(sleep(0));
      await aw(sleep(0));
      print(t.done(), t.cancelled());
      return null;
    })();
  },
};

/** Over 100 timers, most cancelled: the heap is rebuilt with heapify. */
export const MANY_CANCELLED_TIMERS: DualProgram = {
  name: 'many_cancelled_timers',
  py: `
import asyncio
async def w(i):
    await asyncio.sleep(0.001 * (i % 7) + 0.01)
    print(i)
async def main():
    ts = [asyncio.create_task(w(i)) for i in range(150)]
    await asyncio.sleep(0)
    for t in ts[:100]:
        t.cancel()
    for t in ts[100:]:
        await t
asyncio.run(main())
`,
  ts: (print) => {
    const w = coroutine('w', async (i: bigint) => {
      await aw(sleep(0.001 * Number(i % 7n) + 0.01));
      print(i);
      return null;
    });
    return coroutine('main', async () => {
      const ts = range(150).map((i) => create_task(w(i)));
      await aw(sleep(0));
      for (const t of ts.slice(0, 100)) t.cancel();
      for (const t of ts.slice(100)) await aw(t);
      return null;
    })();
  },
};

/** gather of coroutines with mixed delays, one raising: the first exception wins. */
export const GATHER_EXCEPTION: DualProgram = {
  name: 'gather_exception',
  py: `
import asyncio
async def w(i, d):
    await asyncio.sleep(d)
    print('w', i)
    if i == 2:
        raise ValueError('bad %d' % i)
    return i * 10
async def main():
    print(await asyncio.gather(w(0, 0.3), w(1, 0.1), w(3, 0)))
    try:
        await asyncio.gather(w(0, 0.2), w(2, 0.1), w(3, 0.3))
    except ValueError as e:
        print('caught', e)
    await asyncio.sleep(0.5)
    print('end')
asyncio.run(main())
`,
  ts: (print) => {
    const w = coroutine('w', async (i: bigint, d: number) => {
      await aw(sleep(d));
      print('w', i);
      if (i === 2n) throw new ValueErrorPy(`bad ${i}`);
      return i * 10n;
    });
    return coroutine('main', async () => {
      print(await aw(gather(w(0n, 0.3), w(1n, 0.1), w(3n, 0))));
      try {
        await aw(gather(w(0n, 0.2), w(2n, 0.1), w(3n, 0.3)));
      } catch (e) {
        if (!(e instanceof ValueErrorPy)) throw e;
        print('caught', e);
      }
      await aw(sleep(0.5));
      print('end');
      return null;
    })();
  },
};

/** Float sums of delays and an exception escaping asyncio.run. */
export const FLOAT_SUMS_AND_RAISE: DualProgram = {
  name: 'float_sums_and_raise',
  py: `
import asyncio
async def main():
    for d in [0.1, 0.2, 0.01, 0.06, 0.3]:
        await asyncio.sleep(d)
        print('slept', d)
    raise RuntimeError('boom')
asyncio.run(main())
`,
  ts: (print) => {
    return coroutine('main', async () => {
      for (const d of [0.1, 0.2, 0.01, 0.06, 0.3]) {
        await aw(sleep(d));
        print('slept', d);
      }
      throw new RuntimeErrorPy('boom');
    })();
  },
};

/** Raw loop callbacks: call_soon FIFO, call_later ties, and a timer cancelled before it fires. */
export const LOOP_CALLBACKS: DualProgram = {
  name: 'loop_callbacks',
  py: `
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    for i in range(4):
        loop.call_later(0.05, print, 'later', i)
    h = loop.call_later(0.01, print, 'cancelled timer')
    loop.call_soon(print, 'soon', 1)
    loop.call_soon(print, 'soon', 2)
    h.cancel()
    await asyncio.sleep(0.05)
    print('main woke')
    await asyncio.sleep(0)
    print('main end')
asyncio.run(main())
`,
  ts: (print) => {
    return coroutine('main', async () => {
      const loop = asyncio.get_running_loop();
      for (const i of range(4)) loop.call_later(0.05, print, 'later', i);
      const h = loop.call_later(0.01, print, 'cancelled timer');
      loop.call_soon(print, 'soon', 1n);
      loop.call_soon(print, 'soon', 2n);
      h.cancel();
      await aw(sleep(0.05));
      print('main woke');
      await aw(sleep(0));
      print('main end');
      return null;
    })();
  },
};

/**
 * Done callbacks: remove_done_callback removes every registration (2); on a task already done
 * add_done_callback schedules the callback with call_soon (it prints after the next line);
 * a cancelled call_soon handle is skipped by `_run_once`.
 */
export const DONE_CALLBACKS: DualProgram = {
  name: 'done_callbacks',
  py: `
import asyncio
async def work():
    await asyncio.sleep(0.01)
    return 7
def report(t):
    print('done callback', t.result())
async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(work())
    t.add_done_callback(report)
    t.add_done_callback(report)
    print('removed', t.remove_done_callback(report))
    t.add_done_callback(report)
    print('awaited', await t)
    t.add_done_callback(report)
    print('added to a done task')
    h = loop.call_soon(print, 'cancelled soon')
    h.cancel()
    await asyncio.sleep(0)
    print('main end')
asyncio.run(main())
`,
  ts: (print) => {
    const work = coroutine('work', async () => {
      await aw(sleep(0.01));
      return 7n;
    });
    const report = (t: asyncio.Task<bigint>): void => print('done callback', t.result());
    return coroutine('main', async () => {
      const loop = asyncio.get_running_loop();
      const t = create_task(work());
      t.add_done_callback(report);
      t.add_done_callback(report);
      print('removed', t.remove_done_callback(report));
      t.add_done_callback(report);
      print('awaited', await aw(t));
      t.add_done_callback(report);
      print('added to a done task');
      const h = loop.call_soon(print, 'cancelled soon');
      h.cancel();
      await aw(sleep(0));
      print('main end');
      return null;
    })();
  },
};


export const ALL_PROGRAMS: DualProgram[] = [
  TIES5,
  TIES12,
  SEED_TUTORIAL,
  SEED_TUTORIAL_SLEEP2,
  SLEEP0_INTERLEAVE,
  INLINE_COROUTINE_ORDER,
  CANCEL_PROPAGATION,
  GATHER_DONE_TASK,
  RUN_SHUTDOWN,
  CANCEL_BEFORE_START,
  MUST_CANCEL_AT_WAKEUP,
  MANY_CANCELLED_TIMERS,
  GATHER_EXCEPTION,
  FLOAT_SUMS_AND_RAISE,
  LOOP_CALLBACKS,
  DONE_CALLBACKS,
];
