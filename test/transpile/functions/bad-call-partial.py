import asyncio
import functools
from functools import partial


async def greet(greeting, name, *, punctuation="!"):
    await asyncio.sleep(0.01)
    return f"{greeting}, {name}{punctuation}"


def scale(x, factor=1, *, offset=0):
    return x * factor + offset


async def main():
    hello = functools.partial(greet, "Hello")
    print(await hello("Ada"), await hello("Bob", punctuation="?"))
    double = partial(scale, factor=2)
    print(double(5), double(5, factor=3), double(1, offset=10))
    shifted = partial(double, offset=100)
    print([shifted(x) for x in range(3)])
    jobs = [partial(greet, "Hi", n) for n in ["a", "b"]]
    print(await asyncio.gather(*[job() for job in jobs]))
    double(1, 2, 3)


asyncio.run(main())
