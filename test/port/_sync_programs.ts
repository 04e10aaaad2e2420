/**
 * Programs on asyncio's synchronisation primitives and queues (locks.py, queues.py), each
 * written twice as test/port/_programs.ts does: Python for CPython, a hand transpilation onto
 * the port. What they pin is the order waiters wake in, with and without cancellation.
 */
import * as asyncio from '../../port/index.ts';
import { __aenter__, __aexit__ } from '../../port/locks.ts';
import { ValueError } from '../../runtime/exceptions.ts';
import type { DualProgram } from './_dual.ts';

const { coroutine, aw, sleep, create_task, gatherWith, Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier } =
  asyncio;
const { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull } = asyncio;
const range = (n: number): bigint[] => Array.from({ length: n }, (_, i) => BigInt(i));
type Print = (...args: unknown[]) => void;

/** `async with cm:` as the transpiler would write it (no exception suppression: the mixin's __aexit__ returns None). */
async function asyncWith<T>(cm: asyncio.Lock | asyncio.Condition | asyncio.Semaphore, body: () => Promise<T>): Promise<T> {
  await aw(__aenter__(cm));
  try {
    return await body();
  } finally {
    await aw(__aexit__(cm));
  }
}

/** `gather(*ts, return_exceptions=True)`, printing each result's type the way the Python side does. */
function gatherAll(ts: asyncio.Task[]): asyncio.Future<unknown[]> {
  return gatherWith({ return_exceptions: true }, ...ts);
}

export const LOCK_QUEUE_WITH_CANCEL: DualProgram = {
  name: 'lock_queue_with_cancel',
  py: `
import asyncio
async def worker(lock, name, d):
    print(name, 'wants')
    async with lock:
        print(name, 'has')
        await asyncio.sleep(d)
        print(name, 'releases')
async def main():
    lock = asyncio.Lock()
    ts = [asyncio.create_task(worker(lock, 'w' + str(i), 0.1 * i)) for i in range(4)]
    await asyncio.sleep(0.05)
    ts[2].cancel()
    rs = await asyncio.gather(*ts, return_exceptions=True)
    print([type(r).__name__ for r in rs], lock.locked())
asyncio.run(main())
`,
  ts: (print: Print) => {
    const worker = coroutine('worker', async (lock: asyncio.Lock, name: string, d: number) => {
      print(name, 'wants');
      await asyncWith(lock, async () => {
        print(name, 'has');
        await aw(sleep(d));
        print(name, 'releases');
      });
      return null;
    });
    return coroutine('main', async () => {
      const lock = new Lock();
      const ts = range(4).map((i) => create_task(worker(lock, 'w' + String(i), 0.1 * Number(i))));
      await aw(sleep(0.05));
      ts[2].cancel();
      const rs = await aw(gatherAll(ts));
      print(rs.map((r) => (r === null ? 'NoneType' : (r as Error).constructor.name)), lock.locked());
      return null;
    })();
  },
};

export const EVENT_WAITERS: DualProgram = {
  name: 'event_waiters',
  py: `
import asyncio
async def waiter(ev, i):
    print('wait', i)
    await ev.wait()
    print('woke', i, ev.is_set())
async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, i)) for i in range(3)]
    await asyncio.sleep(0)
    ts[1].cancel()
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    print('set and cleared')
    await asyncio.gather(*ts, return_exceptions=True)
    print(await ev.wait() if ev.is_set() else 'unset')
asyncio.run(main())
`,
  ts: (print: Print) => {
    const waiter = coroutine('waiter', async (ev: asyncio.Event, i: bigint) => {
      print('wait', i);
      await aw(ev.wait());
      print('woke', i, ev.is_set());
      return null;
    });
    return coroutine('main', async () => {
      const ev = new Event();
      const ts = range(3).map((i) => create_task(waiter(ev, i)));
      await aw(sleep(0));
      ts[1].cancel();
      await aw(sleep(0));
      ev.set();
      ev.clear();
      print('set and cleared');
      await aw(gatherAll(ts));
      print(ev.is_set() ? await aw(ev.wait()) : 'unset');
      return null;
    })();
  },
};

export const CONDITION_NOTIFY: DualProgram = {
  name: 'condition_notify',
  py: `
import asyncio
async def consumer(cond, i):
    async with cond:
        print('consumer', i, 'waits')
        await cond.wait()
        print('consumer', i, 'notified')
async def main():
    cond = asyncio.Condition()
    ts = [asyncio.create_task(consumer(cond, i)) for i in range(4)]
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify(1)
        print('notified one')
    await asyncio.sleep(0.1)
    async with cond:
        cond.notify_all()
        print('notified all')
    await asyncio.gather(*ts)
    try:
        cond.notify()
    except RuntimeError as e:
        print('error', e)
asyncio.run(main())
`,
  ts: (print: Print) => {
    const consumer = coroutine('consumer', async (cond: asyncio.Condition, i: bigint) => {
      await asyncWith(cond, async () => {
        print('consumer', i, 'waits');
        await aw(cond.wait());
        print('consumer', i, 'notified');
      });
      return null;
    });
    return coroutine('main', async () => {
      const cond = new Condition();
      const ts = range(4).map((i) => create_task(consumer(cond, i)));
      await aw(sleep(0.1));
      await asyncWith(cond, async () => {
        cond.notify(1n);
        print('notified one');
      });
      await aw(sleep(0.1));
      await asyncWith(cond, async () => {
        cond.notify_all();
        print('notified all');
      });
      await aw(asyncio.gather(...ts));
      try {
        cond.notify();
      } catch (e) {
        print('error', e);
      }
      return null;
    })();
  },
};

export const SEMAPHORE_LIMIT: DualProgram = {
  name: 'semaphore_limit',
  py: `
import asyncio
async def job(sem, i):
    async with sem:
        print('start', i, sem.locked())
        await asyncio.sleep(0.1 * (i % 3) + 0.05)
        print('end', i)
async def main():
    sem = asyncio.Semaphore(2)
    ts = [asyncio.create_task(job(sem, i)) for i in range(6)]
    await asyncio.sleep(0.06)
    ts[3].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print('error', e)
asyncio.run(main())
`,
  ts: (print: Print) => {
    const job = coroutine('job', async (sem: asyncio.Semaphore, i: bigint) => {
      await asyncWith(sem, async () => {
        print('start', i, sem.locked());
        await aw(sleep(0.1 * Number(i % 3n) + 0.05));
        print('end', i);
      });
      return null;
    });
    return coroutine('main', async () => {
      const sem = new Semaphore(2n);
      const ts = range(6).map((i) => create_task(job(sem, i)));
      await aw(sleep(0.06));
      ts[3].cancel();
      await aw(gatherAll(ts));
      const b = new BoundedSemaphore(1n);
      await aw(b.acquire());
      b.release();
      try {
        b.release();
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        print('error', e);
      }
      return null;
    })();
  },
};

export const BARRIER_PARTIES: DualProgram = {
  name: 'barrier_parties',
  py: `
import asyncio
async def party(b, i):
    await asyncio.sleep(0.01 * i)
    print('arrive', i, b.n_waiting)
    index = await b.wait()
    print('pass', i, index)
async def main():
    b = asyncio.Barrier(3)
    await asyncio.gather(*[party(b, i) for i in range(6)])
    print(b.n_waiting, b.parties, b.broken)
asyncio.run(main())
`,
  ts: (print: Print) => {
    const party = coroutine('party', async (b: asyncio.Barrier, i: bigint) => {
      await aw(sleep(0.01 * Number(i)));
      print('arrive', i, b.n_waiting);
      const index = await aw(b.wait());
      print('pass', i, index);
      return null;
    });
    return coroutine('main', async () => {
      const b = new Barrier(3n);
      await aw(asyncio.gather(...range(6).map((i) => party(b, i))));
      print(b.n_waiting, b.parties, b.broken);
      return null;
    })();
  },
};

export const QUEUE_PRODUCER_CONSUMERS: DualProgram = {
  name: 'queue_producer_consumers',
  py: `
import asyncio
async def consumer(q, name):
    while True:
        item = await q.get()
        print(name, 'got', item)
        await asyncio.sleep(0.01 * item)
        q.task_done()
async def main():
    q = asyncio.Queue(maxsize=2)
    cs = [asyncio.create_task(consumer(q, 'c' + str(i))) for i in range(3)]
    for item in range(7):
        await q.put(item)
        print('put', item, q.qsize(), q.full())
    print(q)
    await q.join()
    print('joined', q.empty())
    for c in cs:
        c.cancel()
    await asyncio.gather(*cs, return_exceptions=True)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print('empty')
asyncio.run(main())
`,
  ts: (print: Print) => {
    const consumer = coroutine('consumer', async (q: asyncio.Queue, name: string) => {
      for (;;) {
        const item = (await aw(q.get())) as bigint;
        print(name, 'got', item);
        await aw(sleep(0.01 * Number(item)));
        q.task_done();
      }
    });
    return coroutine('main', async () => {
      const q = new Queue(2n);
      const cs = range(3).map((i) => create_task(consumer(q, 'c' + String(i))));
      for (const item of range(7)) {
        await aw(q.put(item));
        print('put', item, q.qsize(), q.full());
      }
      print(q.__str__());
      await aw(q.join());
      print('joined', q.empty());
      for (const c of cs) c.cancel();
      await aw(gatherAll(cs));
      try {
        q.get_nowait();
      } catch (e) {
        if (!(e instanceof QueueEmpty)) throw e;
        print('empty');
      }
      return null;
    })();
  },
};

export const PRIORITY_AND_LIFO: DualProgram = {
  name: 'priority_and_lifo',
  py: `
import asyncio
async def main():
    pq = asyncio.PriorityQueue()
    for p in [3, 1, 2, 1, 3, 0, 2]:
        pq.put_nowait(p)
    print(pq)
    print([pq.get_nowait() for _ in range(7)])
    lq = asyncio.LifoQueue(2)
    lq.put_nowait('a')
    lq.put_nowait('b')
    try:
        lq.put_nowait('c')
    except asyncio.QueueFull:
        print('full', lq)
    print(await lq.get(), await lq.get())
asyncio.run(main())
`,
  ts: (print: Print) =>
    coroutine('main', async () => {
      const pq = new PriorityQueue();
      for (const p of [3n, 1n, 2n, 1n, 3n, 0n, 2n]) pq.put_nowait(p);
      print(pq.__str__());
      print(range(7).map(() => pq.get_nowait()));
      const lq = new LifoQueue(2n);
      lq.put_nowait('a');
      lq.put_nowait('b');
      try {
        lq.put_nowait('c');
      } catch (e) {
        if (!(e instanceof QueueFull)) throw e;
        print('full', lq.__str__());
      }
      print(await aw(lq.get()), await aw(lq.get()));
      return null;
    })(),
};

/** A released lock belongs to the waiter it woke: a newcomer queues behind it, even one already running. */
export const LOCK_NO_BARGING: DualProgram = {
  name: 'lock_no_barging',
  py: `
import asyncio
async def waiter(lock, name):
    async with lock:
        print(name, 'has it')
async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    t = asyncio.create_task(waiter(lock, 'queued'))
    await asyncio.sleep(0)
    lock.release()
    await lock.acquire()
    print('main has it')
    lock.release()
    await t
asyncio.run(main())
`,
  ts: (print: Print) => {
    const waiter = coroutine('waiter', async (lock: asyncio.Lock, name: string) => {
      await asyncWith(lock, async () => {
        print(name, 'has it');
      });
      return null;
    });
    return coroutine('main', async () => {
      const lock = new Lock();
      await aw(lock.acquire());
      const t = create_task(waiter(lock, 'queued'));
      await aw(sleep(0));
      lock.release();
      await aw(lock.acquire());
      print('main has it');
      lock.release();
      await aw(t);
      return null;
    })();
  },
};

/** A released count is handed to the first waiter (3.11.7's `_wake_up_next`): the releaser cannot take it back at once. */
export const SEMAPHORE_NO_BARGING: DualProgram = {
  name: 'semaphore_no_barging',
  py: `
import asyncio
async def waiter(sem, name):
    async with sem:
        print(name, 'has it', sem.locked())
async def main():
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    t = asyncio.create_task(waiter(sem, 'queued'))
    await asyncio.sleep(0)
    sem.release()
    print('released', sem.locked())
    await sem.acquire()
    print('main has it', sem.locked())
    sem.release()
    await t
asyncio.run(main())
`,
  ts: (print: Print) => {
    const waiter = coroutine('waiter', async (sem: asyncio.Semaphore, name: string) => {
      await asyncWith(sem, async () => {
        print(name, 'has it', sem.locked());
      });
      return null;
    });
    return coroutine('main', async () => {
      const sem = new Semaphore(1n);
      await aw(sem.acquire());
      const t = create_task(waiter(sem, 'queued'));
      await aw(sleep(0));
      sem.release();
      print('released', sem.locked());
      await aw(sem.acquire());
      print('main has it', sem.locked());
      sem.release();
      await aw(t);
      return null;
    })();
  },
};

export const SYNC_PROGRAMS: DualProgram[] = [
  LOCK_QUEUE_WITH_CANCEL,
  LOCK_NO_BARGING,
  SEMAPHORE_NO_BARGING,
  EVENT_WAITERS,
  CONDITION_NOTIFY,
  SEMAPHORE_LIMIT,
  BARRIER_PARTIES,
  QUEUE_PRODUCER_CONSUMERS,
  PRIORITY_AND_LIFO,
];

