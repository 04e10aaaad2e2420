import asyncio

total = 0
log = []


def record(*items, sep="-"):
    global total
    total += len(items)
    log.append(len(items))


async def worker(n, *, scale=2, offset):
    await asyncio.sleep(0)
    record(n, n)
    return n * scale + offset


def apply(f, *args):
    return f(*args)


async def main():
    results = []
    for n in range(3):
        results.append(await worker(n, offset=1))
    print(results, total, log)
    print(await worker(5, scale=3, offset=0))
    def deco(fn):
        def wrapper(*a):
            print("calling", len(a))
            return fn(*a)
        return wrapper
    add = deco(lambda a, b: a + b)
    print(add(2, 3))

asyncio.run(main())
