# ---
# description: With a sleep(2) in main the task prints first: create_task only schedules, the body starts when main yields.
# pins: tasks.py Task.__init__ (call_soon of __step); tasks.py sleep
# clock: realistic
# outcome: ok
# expected:
#   ["shav\n",0.000001]
#   ["text\n",0.000003]
#   ["done sleeping\n",1.0000059999999997]
#   ["finished\n",2.000004]
# ---
import asyncio


async def other():
    print("text")
    await asyncio.sleep(1)
    print("done sleeping")


async def main():
    print("shav")
    asyncio.create_task(other())
    await asyncio.sleep(2)
    print("finished")


asyncio.run(main())
