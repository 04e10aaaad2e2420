# ---
# description: Cancelling a task cancels the task it is awaiting (its _fut_waiter).
# pins: tasks.py Task.cancel (self._fut_waiter.cancel())
# clock: realistic
# outcome: ok
# expected:
#   ["outer cancelled: True\n",0.10000600000000001]
#   ["inner cancelled: True\n",0.10000600000000001]
# ---
import asyncio


async def inner():
    await asyncio.sleep(1)
    print("never printed")


async def outer(t):
    await t


async def main():
    a = asyncio.create_task(inner())
    b = asyncio.create_task(outer(a))
    await asyncio.sleep(0.1)
    b.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("outer cancelled:", b.cancelled())
    print("inner cancelled:", a.cancelled())


asyncio.run(main())
