# ---
# description: A task cancelled before its first step never runs its body.
# pins: tasks.py Task.cancel (_must_cancel) and Task.__step
# clock: realistic
# outcome: ok
# expected:
#   ["cancelled: True done: True\n",0.000002]
# ---
import asyncio


async def body():
    print("never printed: cancelled before its first step")


async def main():
    t = asyncio.create_task(body())
    t.cancel()
    await asyncio.sleep(0)
    print("cancelled:", t.cancelled(), "done:", t.done())


asyncio.run(main())
