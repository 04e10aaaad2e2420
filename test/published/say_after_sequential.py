# Source: Python 3.11 docs, "Coroutines and Tasks": awaiting coroutines one after the other
# (the docs print time.strftime('%X'), the wall clock; this keeps the program's own output).
import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    print("started")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print("finished")

asyncio.run(main())
