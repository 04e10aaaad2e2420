# Lock, Semaphore, BoundedSemaphore, Event, Condition and Barrier through `async with` (issue 9).
import asyncio

counter = 0


async def add(lock, name):
    global counter
    async with lock:
        value = counter
        await asyncio.sleep(0.01)
        counter = value + 1
        print(name, "added", counter, lock.locked())


async def limited(sem, i):
    async with sem:
        print("in", i, sem.locked())
        await asyncio.sleep(0.05 * (i + 1))
    print("out", i)


async def waiter(event, i):
    print("waiting", i, event.is_set())
    await event.wait()
    print("woke", i, event.is_set())


async def consumer(cond, box, i):
    async with cond:
        got = await cond.wait_for(lambda: len(box) > i)
        print("consumer", i, got, box)


async def at_barrier(barrier, i):
    await asyncio.sleep(0.02 * i)
    index = await barrier.wait()
    print("passed", i, index)


async def queued(lock, name):
    async with lock:
        print(name, "has it")


async def notified(cond, name):
    async with cond:
        await cond.wait()
        print(name, "notified")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    t = asyncio.create_task(queued(lock, "queued"))
    await asyncio.sleep(0)
    lock.release()
    await lock.acquire()
    print("main has it, no barging")
    lock.release()
    await t
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(notified(cond, f"n{i}")) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify(2)
    await asyncio.gather(*tasks)
    await asyncio.gather(*[add(lock, f"t{i}") for i in range(3)])
    print(counter, lock.locked())
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[limited(sem, i) for i in range(4)])
    bounded = asyncio.BoundedSemaphore(value=1)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print("bounded:", e)
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, i)) for i in range(2)]
    await asyncio.sleep(0.01)
    event.set()
    await asyncio.gather(*tasks)
    event.clear()
    print(event.is_set())
    cond = asyncio.Condition()
    box = []
    tasks = [asyncio.create_task(consumer(cond, box, i)) for i in range(3)]
    for n in range(3):
        await asyncio.sleep(0.01)
        async with cond:
            box.append(n)
            cond.notify_all()
    await asyncio.gather(*tasks)
    async with cond:
        cond.notify(2)
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*[at_barrier(barrier, i) for i in range(3)])
    try:
        lock.release()
    except RuntimeError as e:
        print(e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print(e)

asyncio.run(main())
