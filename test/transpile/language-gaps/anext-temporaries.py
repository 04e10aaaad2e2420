# `await anext(agen(...))` on a temporary async generator: CPython's refcount of the generator drops
# to zero as the await ends, so an unfinished one goes to the loop's _asyncgen_finalizer_hook at once
# (aclose() in a task of its own, two iterations later), not to asyncio.run's shutdown_asyncgens.
# Its `finally:` prints show when; a finished or never-started generator has no finalizer to run.
import asyncio


async def slow(n):
    try:
        # n / 100 s, not one delay for all: two consumers' timers 0.1 s apart from each other's
        # would be a near tie that real time decides (a loaded CI machine's python3 printed them apart).
        await asyncio.sleep(n / 100)
        print("slow yields", n)
        yield n
        yield n + 1
    finally:
        print("slow finally", n)
        await asyncio.sleep(0)
        print("slow finally after await", n)


async def boom():
    try:
        yield 1
    finally:
        print("boom finally")


async def failing():
    print("failing starts")
    raise ValueError("bad")
    yield 1


async def ticker():
    for k in range(6):
        print("tick", k)
        await asyncio.sleep(0)


async def consumer(name):
    v = await anext(slow(len(name)))
    print(name, "got", v)
    w = await anext(slow(len(name) * 10), None)
    print(name, "then", w)
    return v


async def outer_gen():
    v = await anext(boom())
    print("outer_gen got", v)
    yield v
    print("outer_gen resumed")


async def main():
    t = asyncio.create_task(ticker())
    print(await anext(slow(1)))
    print("between")
    r = await asyncio.gather(consumer("ab"), consumer("xyz"))
    print("gathered", r)
    try:
        await anext(failing())
    except ValueError as e:
        print("caught", e)
    try:
        print(await anext(failing(), "default"))
    except ValueError as e:
        print("caught again", e)
    print(await anext(slow(0), "default"), "no finalizer yet")
    for k in range(3):
        print("in loop", await anext(boom(), "d"))
        await asyncio.sleep(0)
    async for v in outer_gen():
        print("async for got", v)
    await asyncio.sleep(0)
    try:
        await anext(boom(), 1, 2)
    except TypeError as e:
        print("type error", e)
    await t
    print("end")


asyncio.run(main())
