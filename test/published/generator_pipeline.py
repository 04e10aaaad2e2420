# Pattern: generator pipelines feeding tasks.
import asyncio


def numbers(n):
    for i in range(n):
        yield i


def evens(xs):
    yield from (x for x in xs if x % 2 == 0)


async def square(x):
    await asyncio.sleep(0.01 * x)
    return x * x


async def main():
    results = await asyncio.gather(*(square(x) for x in evens(numbers(10))))
    print(results, sum(results))


asyncio.run(main())
