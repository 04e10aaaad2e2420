# ---
# description: sleep(0) yields exactly one loop iteration: two tasks alternate line by line.
# pins: tasks.py sleep (the delay <= 0 path: __sleep0)
# clock: realistic
# outcome: ok
# expected:
#   ["a 0\n",0.000002]
#   ["b 0\n",0.000002]
#   ["a 1\n",0.000003]
#   ["b 1\n",0.000003]
#   ["a 2\n",0.000004]
#   ["b 2\n",0.000004]
# ---
import asyncio


async def ping(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(ping("a", 3))
    b = asyncio.create_task(ping("b", 3))
    await a
    await b


asyncio.run(main())
