# Source: Python 3.11 docs, "Coroutines and Tasks": the same with asyncio.TaskGroup.
import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(
            say_after(1, 'hello'))

        task2 = tg.create_task(
            say_after(2, 'world'))

        print("started")

    # The await is implicit when the context manager exits.

    print("finished")

asyncio.run(main())
