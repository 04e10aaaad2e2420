# Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull, join/task_done (issue 9).
import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print("put", i, queue.qsize(), queue.full())
    await queue.put(None)


async def consumer(queue):
    while True:
        item = await queue.get()
        queue.task_done()
        if item is None:
            break
        print("got", item)
        await asyncio.sleep(0.01)


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue, 4), consumer(queue))
    await queue.join()
    print(queue.empty(), queue.qsize())
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty as e:
        print("empty:", repr(e), type(e).__name__, isinstance(e, Exception))
    small = asyncio.Queue(1)
    small.put_nowait("a")
    try:
        small.put_nowait("b")
    except asyncio.QueueFull as e:
        print("full:", repr(e))
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b"), (1, "z")]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(4)])
    lq = asyncio.LifoQueue()
    for i in range(3):
        await lq.put(i)
    print(await lq.get(), await lq.get(), lq.get_nowait())
    try:
        queue.task_done()
    except ValueError as e:
        print(e)

asyncio.run(main())
