# A generator made by a nested def (or a lambda) and left by `break` is closed there, as
# CPython's refcounting drops the loop's temporary: the sync one at once, the async one in a
# task of its own (asyncio's finalizer hook) before `after sleep`.
import asyncio


async def main():
    def gen(n):
        try:
            for i in range(3):
                yield n * 10 + i
        finally:
            print('gen closed', n)

    async def agen(n):
        try:
            for i in range(3):
                await asyncio.sleep(0.1)
                yield n * 10 + i
        finally:
            print('agen closed', n)

    for x in gen(4):
        print('got', x)
        break
    print('after break')
    make = lambda: gen(7)
    for x in make():
        print('got', x)
        break
    async for x in agen(4):
        print('got', x)
        break
    print('after async break')
    await asyncio.sleep(0)
    print('after sleep')


asyncio.run(main())
