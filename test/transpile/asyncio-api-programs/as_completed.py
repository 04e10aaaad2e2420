# asyncio.as_completed over tasks: results in finishing order, and its timeout.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [("a", 0.05), ("b", 0.01), ("c", 0.03)]]
    for next_done in asyncio.as_completed(tasks):
        print(await next_done)
    slow = [asyncio.create_task(fetch("slow", 0.2)), asyncio.create_task(fetch("quick", 0.01))]
    try:
        for c in asyncio.as_completed(slow, timeout=0.05):
            print(await c)
    except asyncio.TimeoutError:
        print("as_completed timed out")
    slow[0].cancel()
    print(type(asyncio.as_completed(tasks)).__name__)


asyncio.run(main())
