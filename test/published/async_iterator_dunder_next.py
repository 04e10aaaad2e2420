# Pattern: a class with both the sync iterator protocol (__iter__/__next__) and the async one
# (__aiter__/__anext__), consumed by for and async for.
import asyncio


class Ticker:
    def __init__(self, limit, interval):
        self.limit = limit
        self.interval = interval
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.count >= self.limit:
            raise StopIteration
        self.count += 1
        return self.count

    def __aiter__(self):
        self.count = 0
        return self

    async def __anext__(self):
        if self.count >= self.limit:
            raise StopAsyncIteration
        await asyncio.sleep(self.interval)
        self.count += 1
        return self.count


async def main():
    print([n for n in Ticker(3, 0)])
    async for tick in Ticker(3, 0.1):
        print("tick", tick)
    t = Ticker(2, 0.1)
    print(next(t), next(t), next(t, None))
    print([n async for n in Ticker(4, 0.05) if n % 2 == 0])


asyncio.run(main())
