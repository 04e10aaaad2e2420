# ---
# description: Timers with exactly equal deadlines pop in binary-heap order, not FIFO: 5 equal sleeps wake 0, 2, 4, 1, 3 under the ideal clock.
# pins: base_events.py BaseEventLoop._run_once (heapq.heappop of _scheduled)
# clock: ideal
# outcome: ok
# expected:
#   ["woke 0\n",0.02]
#   ["woke 2\n",0.02]
#   ["woke 4\n",0.02]
#   ["woke 1\n",0.02]
#   ["woke 3\n",0.02]
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
