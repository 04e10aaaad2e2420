# The bench's startup program: a 15-line tutorial with 20 ms of real sleeps (bench/startup.ts).
import asyncio


async def worker(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke after {delay}")


async def main():
    task = asyncio.create_task(worker("a", 0.02))
    await worker("b", 0.01)
    await task
    print("done")

asyncio.run(main())
