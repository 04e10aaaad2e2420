# ---
# description: The same program under the realistic clock (every clock read advances 1 us): deadlines differ, tasks wake 0..4, as python3 prints it.
# pins: base_events.py BaseEventLoop.call_later (call_at(self.time() + delay))
# clock: realistic
# outcome: ok
# expected:
#   ["woke 0\n",0.020005000000000002]
#   ["woke 1\n",0.020005000000000002]
#   ["woke 2\n",0.020006000000000003]
#   ["woke 3\n",0.020007000000000004]
#   ["woke 4\n",0.020008000000000005]
# ---
import asyncio


async def sleeper(i):
    await asyncio.sleep(0.02)
    print("woke", i)


async def main():
    tasks = [asyncio.create_task(sleeper(i)) for i in range(5)]
    for t in tasks:
        await t


asyncio.run(main())
