# Pattern: a rate limiter with a Semaphore and time.monotonic().
import asyncio
import time


async def fetch(sem, i, start):
    async with sem:
        print(f"start {i} at {time.monotonic() - start:.1f}")
        await asyncio.sleep(1)
    return i * 10


async def main():
    sem = asyncio.Semaphore(2)
    start = time.monotonic()
    results = await asyncio.gather(*[fetch(sem, i, start) for i in range(5)])
    print(results, f"took {time.monotonic() - start:.1f}s")


asyncio.run(main())
