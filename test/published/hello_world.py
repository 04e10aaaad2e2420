# Source: Python 3.11 docs, "Coroutines and Tasks" (library/asyncio-task.rst), first example.
import asyncio

async def main():
    print('hello')
    await asyncio.sleep(1)
    print('world')

asyncio.run(main())
