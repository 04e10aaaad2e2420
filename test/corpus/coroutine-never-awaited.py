# ---
# description: Calling an async def function makes a coroutine object and runs nothing.
# pins: the coroutine protocol (PEP 492); nothing in asyncio runs it
# clock: realistic
# outcome: ok
# expected:
# ---
import asyncio


async def work():
    print("never printed: a coroutine runs nothing until awaited")


async def main():
    c = work()
    print("made a coroutine")
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
