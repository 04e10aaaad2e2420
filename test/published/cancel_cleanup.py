# Pattern: a cancelled task cleans up in except CancelledError and finally, cancel(msg).
import asyncio

async def long_running():
    try:
        print("started")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cleaning up")
        raise
    finally:
        print("finally")

async def main():
    task = asyncio.create_task(long_running())
    await asyncio.sleep(0.5)
    task.cancel("enough")
    try:
        await task
    except asyncio.CancelledError as e:
        print("main saw", repr(e), task.cancelled())
    print(task.done())

asyncio.run(main())
