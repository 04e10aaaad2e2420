# Pattern: Python 3.11 docs, TaskGroup with failing children caught by except*.
import asyncio


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("first", 0.1))
            tg.create_task(slow())
    except* ValueError as eg:
        for e in eg.exceptions:
            print("caught:", e)


asyncio.run(main())
