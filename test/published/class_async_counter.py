# Pattern: tutorial classes with async methods and a shared counter.
import asyncio


class Counter:
    def __init__(self, name):
        self.name = name
        self.value = 0

    async def tick(self, times, delay):
        for _ in range(times):
            await asyncio.sleep(delay)
            self.value += 1
            print(f"{self.name}: {self.value}")

    def __repr__(self):
        return f"Counter({self.name!r}, value={self.value})"


async def main():
    a = Counter("a")
    b = Counter("b")
    await asyncio.gather(a.tick(3, 0.1), b.tick(2, 0.15))
    print(a, b)


asyncio.run(main())
