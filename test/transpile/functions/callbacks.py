import asyncio


async def run_all(callbacks, value):
    results = []
    for cb in callbacks:
        results.append(await cb(value))
    return results


async def double(x):
    await asyncio.sleep(0)
    return x * 2


async def main():
    offset = 100

    async def shifted(x):
        await asyncio.sleep(0.01)
        return x + offset

    def sync_then(f):
        async def wrapper(x):
            return f(x)
        return wrapper

    print(await run_all([double, shifted, sync_then(lambda v: v - 1)], 5))
    offset = 200
    print(await run_all([shifted], 1))
    words = ["kiwi", "fig", "banana"]
    print(sorted([len(w) for w in words]), (lambda *a, sep="/": len(a))(1, 2, sep="-"))
    pick = lambda xs, k=0: xs[k]
    print(pick(words), pick(words, k=2), pick(words, 1))
    fact = None

    def factorial(n):
        return 1 if n <= 1 else n * fact(n - 1)
    fact = factorial
    print(fact(10))


asyncio.run(main())
