# Source: Python 3.11 docs, "Coroutines and Tasks", "Shielding From Cancellation" (made runnable).
import asyncio

async def something():
    await asyncio.sleep(2)
    print("something finished")
    return 42

async def main():
    task = asyncio.create_task(something())
    try:
        res = await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except TimeoutError:
        print("timed out, but the task goes on")
        res = await task
    print(res)

asyncio.run(main())
