import asyncio
from random import randint, seed, choice
from time import monotonic, sleep
from collections import Counter


async def roll(n):
    await asyncio.sleep(0.5)
    return [randint(1, 6) for _ in range(n)]


async def main():
    seed(7)
    start = monotonic()
    rolls = await roll(20)
    sleep(0.25)
    print(Counter(rolls).most_common(2), choice("abc"), monotonic() - start >= 0.75)

asyncio.run(main())
