import asyncio


def gen():
    yield 1


async def main():
    g = gen()
    next(g)
    g.throw(open('@CANARY@', 'w'))

asyncio.run(main())
