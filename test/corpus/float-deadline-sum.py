# ---
# description: Deadlines are float sums: 0.1 then 0.2 is not the same deadline as 0.3.
# pins: base_events.py BaseEventLoop.call_later; TimerHandle comparison by _when
# clock: realistic
# outcome: ok
# expected:
#   ["0.3\n",0.30000599999999994]
#   ["0.1 + 0.2\n",0.3000069999999999]
# ---
import asyncio


async def two_steps():
    await asyncio.sleep(0.1)
    await asyncio.sleep(0.2)
    print("0.1 + 0.2")


async def one_step():
    await asyncio.sleep(0.3)
    print("0.3")


async def main():
    a = asyncio.create_task(two_steps())
    b = asyncio.create_task(one_step())
    await a
    await b


asyncio.run(main())
