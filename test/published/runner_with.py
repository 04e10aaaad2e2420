# Pattern: Python 3.11 docs, asyncio.Runner as a context manager.
import asyncio


async def main(n):
    await asyncio.sleep(0.1)
    print("main", n)
    return n * 2


with asyncio.Runner() as runner:
    print(runner.run(main(1)))
    print(runner.run(main(2)))
