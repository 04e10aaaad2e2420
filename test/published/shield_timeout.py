# Pattern: asyncio.shield under asyncio.wait_for.
import asyncio


async def important():
    await asyncio.sleep(1)
    print("important work finished")
    return 42


async def main():
    task = asyncio.create_task(important())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.5)
    except asyncio.TimeoutError:
        print("timed out, but the task goes on")
    print("result:", await task)


asyncio.run(main())
