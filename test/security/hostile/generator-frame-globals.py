import asyncio


def gen():
    yield 1


async def main():
    g = gen()
    g.gi_frame.f_globals['__builtins__'].open('@CANARY@', 'w')

asyncio.run(main())
