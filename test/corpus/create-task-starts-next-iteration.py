# ---
# description: create_task schedules the first step with call_soon: the creator goes on first.
# pins: tasks.py Task.__init__ (self._loop.call_soon(self.__step))
# clock: realistic
# outcome: ok
# expected:
#   ["main continues first\n",0.000001]
#   ["child runs\n",0.000002]
#   ["main got 7\n",0.000003]
# ---
import asyncio


async def child():
    print("child runs")
    return 7


async def main():
    t = asyncio.create_task(child())
    print("main continues first")
    v = await t
    print("main got", v)


asyncio.run(main())
