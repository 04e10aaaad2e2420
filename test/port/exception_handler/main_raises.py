# A forgotten task failed before main raised: its message comes first, then the traceback
# of main's exception, and the exit code is 1.
import asyncio


async def fail():
    raise ValueError("forgotten")


async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0)
    raise KeyError("main")


asyncio.run(main())
