# ---
# description: Calling an async def function makes a coroutine object and runs nothing.
# pins: the coroutine protocol (PEP 492); nothing in asyncio runs it
# clock: realistic
# outcome: ok
# expected:
#   ["made a coroutine\n",0.000001]
#   ["main done\n",0.000002]
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
