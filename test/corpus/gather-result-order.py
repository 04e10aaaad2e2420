# ---
# description: gather returns results in argument order, whatever order the awaitables finish in.
# pins: tasks.py gather (_done_callback, results in children order)
# clock: realistic
# outcome: ok
# expected:
#   ["finished fast\n",0.10000600000000001]
#   ["finished mid\n",0.20000700000000002]
#   ["finished slow\n",0.3000049999999999]
#   ["['slow', 'fast', 'mid']\n",0.30000699999999986]
# ---
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name


async def main():
    results = await asyncio.gather(job("slow", 0.3), job("fast", 0.1), job("mid", 0.2))
    print(results)


asyncio.run(main())
