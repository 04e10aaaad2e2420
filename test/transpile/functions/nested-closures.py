import asyncio

square = lambda x: x * x
hits = 0


def outer():
    level = 0

    def middle():
        def inner():
            nonlocal level
            global hits
            level += 1
            hits += 10
            return level
        return inner
    return middle()


async def main():
    f = outer()
    print(f(), f(), hits, square(7))
    g = f
    print(g is f, g == f, bool(f), f is not None, 1 if f else 0)
    fs = [lambda new=n: new + 1 for n in range(3)]
    print(await asyncio.gather(*[asyncio.sleep(0.01, h()) for h in fs]))
    acc = []
    for n in range(3):
        async def job(k=n, default=None):
            await asyncio.sleep(0.01 * (3 - k))
            acc.append(k)
        asyncio.create_task(job())
    await asyncio.sleep(0.1)
    print(acc)
    def apply_twice(fn, x):
        return fn(fn(x))
    print(apply_twice(square, 3), apply_twice(lambda s: s + "!", "hi"))
    compose = lambda f1, f2: lambda x: f1(f2(x))
    print(compose(square, lambda y: y + 1)(2))


asyncio.run(main())
