# Source: a common tutorial pattern (asyncio.as_completed over tasks).
import asyncio

async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"

async def main():
    tasks = [asyncio.create_task(fetch(n, d)) for n, d in [("a", 3), ("b", 1), ("c", 2)]]
    for next_done in asyncio.as_completed(tasks):
        print(await next_done)

asyncio.run(main())
