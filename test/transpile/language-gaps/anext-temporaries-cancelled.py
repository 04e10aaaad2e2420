# `await anext(agen())` interrupted: a timeout cancels the await (the generator finishes with the
# CancelledError, so no finalizer is left), or the generator catches the cancellation and yields
# (it is finalized as the await ends; aclose() then closes it at its yield).
import asyncio


async def slow():
    try:
        await asyncio.sleep(1)
        yield 1
    finally:
        print("slow finally")


async def catching():
    try:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("caught cancel, yielding")
        yield 2
        print("never")
    finally:
        print("catching finally")


async def consume():
    try:
        print("got", await anext(catching()))
        await asyncio.sleep(0)
        print("after")
    except asyncio.CancelledError:
        print("cancelled")


async def main():
    try:
        async with asyncio.timeout(0.1):
            await anext(slow())
    except TimeoutError:
        print("timed out")
    t = asyncio.create_task(consume())
    await asyncio.sleep(0.1)
    t.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("end", t.done())


asyncio.run(main())
