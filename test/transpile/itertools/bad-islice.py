import asyncio
import itertools


async def main():
    await asyncio.sleep(0)
    print(list(itertools.islice("abc", 1, None)))
    print(list(itertools.islice("abc", 0, 2, 0)))

asyncio.run(main())
