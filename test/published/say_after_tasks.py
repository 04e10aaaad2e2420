# Source: Python 3.11 docs, "Coroutines and Tasks": asyncio.create_task runs coroutines concurrently.
import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    task1 = asyncio.create_task(
        say_after(1, 'hello'))

    task2 = asyncio.create_task(
        say_after(2, 'world'))

    print("started")

    # Wait until both tasks are completed (should take
    # around 2 seconds.)
    await task1
    await task2

    print("finished")

asyncio.run(main())
