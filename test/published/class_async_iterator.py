# Pattern: an asynchronous iterator class (PEP 492 style Ticker).
import asyncio


class Ticker:
    """Yield numbers from 0 to `to` every `delay` seconds."""

    def __init__(self, delay, to):
        self.delay = delay
        self.i = 0
        self.to = to

    def __aiter__(self):
        return self

    async def __anext__(self):
        i = self.i
        if i >= self.to:
            raise StopAsyncIteration
        self.i += 1
        if i:
            await asyncio.sleep(self.delay)
        return i


async def main():
    async for i in Ticker(1, 5):
        print(i)


asyncio.run(main())
