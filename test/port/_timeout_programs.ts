/**
 * Programs on cancellation with deadlines and groups (tasks.py wait_for / wait / shield /
 * as_completed, timeouts.py, taskgroups.py), each written twice as test/port/_programs.ts
 * does. They pin the races CPython resolves in a fixed order: a deadline equal to a sleep's,
 * an inner task finishing while its wait_for is cancelled, siblings cancelled by a failure.
 * No program prints from more than one sibling being cancelled at once (TaskGroup's `_abort`
 * iterates a set: address order in CPython).
 */
import * as asyncio from '../../port/index.ts';
import { ValueError } from '../../runtime/exceptions.ts';
import type { BaseExceptionGroup } from '../../runtime/exception_groups.ts';
import type { DualProgram } from './_dual.ts';

const { coroutine, aw, sleep, create_task, current_task, CancelledError, TimeoutError, timeout, TaskGroup, wait_for, wait, shield, as_completed } = asyncio;
type Print = (...args: unknown[]) => void;
const nameOf = (e: unknown): string => (e as Error).constructor.name;

/** `async with cm as x:` for a context manager whose __aexit__ may raise (Timeout, TaskGroup). */
async function asyncWith<C extends { __aenter__(): asyncio.Coroutine<C>; __aexit__(et: never, exc: never): asyncio.Coroutine<null> }>(
  cm: C,
  body: (x: C) => Promise<void>,
): Promise<void> {
  const x = await aw(cm.__aenter__());
  try {
    await body(x);
  } catch (exc) {
    await aw(cm.__aexit__(null as never, exc as never));
    throw exc;
  }
  await aw(cm.__aexit__(null as never, null as never));
}

export const WAIT_FOR_RACES: DualProgram = {
  name: 'wait_for_races',
  py: `
import asyncio
async def work(d, v):
    await asyncio.sleep(d)
    print('work done', v)
    return v
async def main():
    print(await asyncio.wait_for(work(0.1, 'fast'), 0.2))
    try:
        await asyncio.wait_for(work(0.3, 'slow'), 0.2)
    except TimeoutError:
        print('timeout')
    try:
        print(await asyncio.wait_for(work(0.2, 'tie'), 0.2))
    except TimeoutError:
        print('timeout at the tie')
    print(await asyncio.wait_for(work(0, 'none'), None))
    t = asyncio.create_task(work(0.05, 'zero'))
    try:
        await asyncio.wait_for(t, 0)
    except TimeoutError:
        print('zero timeout', t.cancelled())
asyncio.run(main())
`,
  ts: (print: Print) => {
    const work = coroutine('work', async (d: number, v: string) => {
      await aw(sleep(d));
      print('work done', v);
      return v;
    });
    return coroutine('main', async () => {
      print(await aw(wait_for(work(0.1, 'fast'), 0.2)));
      try {
        await aw(wait_for(work(0.3, 'slow'), 0.2));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('timeout');
      }
      try {
        print(await aw(wait_for(work(0.2, 'tie'), 0.2)));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('timeout at the tie');
      }
      print(await aw(wait_for(work(0, 'none'), null)));
      const t = create_task(work(0.05, 'zero'));
      try {
        await aw(wait_for(t, 0));
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('zero timeout', t.cancelled());
      }
      return null;
    })();
  },
};

export const TIMEOUT_BLOCKS: DualProgram = {
  name: 'timeout_blocks',
  py: `
import asyncio
async def main():
    try:
        async with asyncio.timeout(0.1) as cm:
            print('inside', cm.expired())
            await asyncio.sleep(1)
    except TimeoutError as e:
        print('timed out', cm.expired(), type(e.__cause__).__name__)
    async with asyncio.timeout(0.5) as cm:
        await asyncio.sleep(0.1)
        cm.reschedule(None)
        await asyncio.sleep(1)
    print('rescheduled', cm.expired(), cm.when())
    async with asyncio.timeout(None):
        await asyncio.sleep(0.2)
    try:
        async with asyncio.timeout(-1):
            print('past deadline runs first')
            await asyncio.sleep(0)
            print('never')
    except TimeoutError:
        print('past deadline fired')
    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print('inner sees cancel')
                raise
    except TimeoutError:
        print('outer sees timeout')
asyncio.run(main())
`,
  ts: (print: Print) =>
    coroutine('main', async () => {
      const cm1 = timeout(0.1);
      try {
        await asyncWith(cm1, async (cm) => {
          print('inside', cm.expired());
          await aw(sleep(1));
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('timed out', cm1.expired(), nameOf((e as unknown as { __cause__: unknown }).__cause__));
      }
      const cm2 = timeout(0.5);
      await asyncWith(cm2, async (cm) => {
        await aw(sleep(0.1));
        cm.reschedule(null);
        await aw(sleep(1));
      });
      print('rescheduled', cm2.expired(), cm2.when());
      await asyncWith(timeout(null), async () => {
        await aw(sleep(0.2));
      });
      try {
        await asyncWith(timeout(-1), async () => {
          print('past deadline runs first');
          await aw(sleep(0));
          print('never');
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('past deadline fired');
      }
      try {
        await asyncWith(timeout(0.1), async () => {
          try {
            await aw(sleep(1));
          } catch (e) {
            if (e instanceof CancelledError) print('inner sees cancel');
            throw e;
          }
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('outer sees timeout');
      }
      return null;
    })(),
};

export const WAIT_AND_SHIELD: DualProgram = {
  name: 'wait_and_shield',
  py: `
import asyncio
async def work(d, v, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ValueError(v)
    print('done', v)
    return v
async def main():
    ts = [asyncio.create_task(work(0.1 * (3 - i), i)) for i in range(3)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    done, pending = await asyncio.wait(ts, timeout=0.15)
    print(len(done), len(pending))
    bad = [asyncio.create_task(work(0.1, 'x', True)), asyncio.create_task(work(0.3, 'y'))]
    done, pending = await asyncio.wait(bad, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), type(list(done)[0].exception()).__name__)
    inner = asyncio.create_task(work(0.2, 'shielded'))
    outer = asyncio.create_task(asyncio.wait_for(asyncio.shield(inner), 0.1))
    try:
        await outer
    except TimeoutError:
        print('outer timed out', inner.cancelled())
    print(await inner)
    # Tasks, not coroutines: as_completed makes a set of what it is given (address order).
    for c in asyncio.as_completed([asyncio.create_task(work(0.1 * k, v)) for k, v in [(3, 'a'), (1, 'b'), (2, 'c')]]):
        print('as completed', await c)
    await asyncio.gather(*ts, *bad, return_exceptions=True)
asyncio.run(main())
`,
  ts: (print: Print) => {
    const work = coroutine('work', async (d: number, v: unknown, fail = false) => {
      await aw(sleep(d));
      if (fail) throw new ValueError(v);
      print('done', v);
      return v;
    });
    return coroutine('main', async () => {
      const ts = [0, 1, 2].map((i) => create_task(work(0.1 * (3 - i), BigInt(i))));
      let [done, pending] = await aw(wait(ts, { return_when: asyncio.FIRST_COMPLETED }));
      print(BigInt(done.size), BigInt(pending.size), [...done].map((t) => t.result()));
      [done, pending] = await aw(wait(ts, { timeout: 0.15 }));
      print(BigInt(done.size), BigInt(pending.size));
      const bad = [create_task(work(0.1, 'x', true)), create_task(work(0.3, 'y'))];
      [done, pending] = await aw(wait(bad, { return_when: asyncio.FIRST_EXCEPTION }));
      print(BigInt(done.size), BigInt(pending.size), nameOf([...done][0].exception()));
      const inner = create_task(work(0.2, 'shielded'));
      const outer = create_task(wait_for(shield(inner), 0.1));
      try {
        await aw(outer);
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('outer timed out', inner.cancelled());
      }
      print(await aw(inner));
      const cs = ([[3, 'a'], [1, 'b'], [2, 'c']] as const).map(([k, v]) => create_task(work(0.1 * k, v)));
      for (const c of as_completed(cs)) print('as completed', await aw(c));
      await aw(asyncio.gatherWith({ return_exceptions: true }, ...ts, ...bad));
      return null;
    })();
  },
};

export const TASK_GROUPS: DualProgram = {
  name: 'task_groups',
  py: `
import asyncio
async def child(d, v, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print('child cancelled', v)
        raise
    if fail:
        raise ValueError(f'bad {v}')
    print('child done', v)
    return v
async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(0.2, 'a'))
        b = tg.create_task(child(0.1, 'b'), name='bee')
        print('created', b.get_name())
    print('group done', a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(0.1, 'x', True))
            tg.create_task(child(0.3, 'y'))
            await asyncio.sleep(1)
            print('never')
    except* ValueError as eg:
        print('caught', [str(e) for e in eg.exceptions])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(0.1, 'p', True))
            tg.create_task(child(0.1, 'q', True))
    except ExceptionGroup as eg:
        print(eg, len(eg.exceptions))
    async def outer():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(1, 'inner'))
    t = asyncio.create_task(outer())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('outer cancelled', t.cancelled())
asyncio.run(main())
`,
  ts: (print: Print) => {
    const child = coroutine('child', async (d: number, v: string, fail = false) => {
      try {
        await aw(sleep(d));
      } catch (e) {
        if (e instanceof CancelledError) print('child cancelled', v);
        throw e;
      }
      if (fail) throw new ValueError(`bad ${v}`);
      print('child done', v);
      return v;
    });
    return coroutine('main', async () => {
      let a!: asyncio.Task<string>;
      let b!: asyncio.Task<string>;
      await asyncWith(new TaskGroup(), async (tg) => {
        a = tg.create_task(child(0.2, 'a'));
        b = tg.create_task(child(0.1, 'b'), { name: 'bee' });
        print('created', b.get_name());
      });
      print('group done', a.result(), b.result());
      try {
        await asyncWith(new TaskGroup(), async (tg) => {
          tg.create_task(child(0.1, 'x', true));
          tg.create_task(child(0.3, 'y'));
          await aw(sleep(1));
          print('never');
        });
      } catch (e) {
        // except* ValueError: every sub-exception here is a ValueError.
        const eg = e as BaseExceptionGroup;
        if (!eg.exceptions?.every((x) => x instanceof ValueError)) throw e;
        print('caught', eg.exceptions.map((x) => x.message));
      }
      try {
        await asyncWith(new TaskGroup(), async (tg) => {
          tg.create_task(child(0.1, 'p', true));
          tg.create_task(child(0.1, 'q', true));
        });
      } catch (e) {
        const eg = e as BaseExceptionGroup;
        print(eg.message, BigInt(eg.exceptions.length));
      }
      const outer = coroutine('outer', async () => {
        await asyncWith(new TaskGroup(), async (tg) => {
          tg.create_task(child(1, 'inner'));
        });
        return null;
      });
      const t = create_task(outer());
      await aw(sleep(0.1));
      t.cancel();
      try {
        await aw(t);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        print('outer cancelled', t.cancelled());
      }
      return null;
    })();
  },
};

/**
 * A task that cancels itself goes on running until its next await (`_must_cancel`), and a
 * timeout entered with that cancellation swallowed but not uncancelled still converts its own
 * expiry (3.11.7 compares with the count on entry).
 */
export const SELF_CANCEL_COUNTS: DualProgram = {
  name: 'self_cancel_counts',
  py: `
import asyncio
async def main():
    me = asyncio.current_task()
    try:
        print('cancel', me.cancel())
        print('still running', me.cancelling())
        await asyncio.sleep(0)
        print('not reached')
    except asyncio.CancelledError:
        print('cancelled at the await', me.cancelling())
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(0.2)
    except TimeoutError:
        print('timeout', me.cancelling(), me.uncancel())
asyncio.run(main())
`,
  ts: (print: Print) =>
    coroutine('main', async () => {
      const me = current_task()!;
      try {
        print('cancel', me.cancel());
        print('still running', me.cancelling());
        await aw(sleep(0));
        print('not reached');
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        print('cancelled at the await', me.cancelling());
      }
      try {
        await asyncWith(timeout(0.1), async () => {
          await aw(sleep(0.2));
        });
      } catch (e) {
        if (!(e instanceof TimeoutError)) throw e;
        print('timeout', me.cancelling(), me.uncancel());
      }
      return null;
    })(),
};

export const TIMEOUT_PROGRAMS: DualProgram[] = [WAIT_FOR_RACES, TIMEOUT_BLOCKS, WAIT_AND_SHIELD, TASK_GROUPS, SELF_CANCEL_COUNTS];
