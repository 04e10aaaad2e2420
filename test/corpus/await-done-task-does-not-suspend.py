# ---
# description: Awaiting a task that is already done does not suspend: the value comes back in the same step.
# pins: futures.py Future.__await__ (no yield when done)
# clock: realistic
# outcome: ok
# expected:
#   ["got value without yielding\n",0.000002]
#   ["bystander\n",0.000003]
# ---
import asyncio


async def quick():
    return "value"


async def bystander():
    print("bystander")


async def main():
    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    b = asyncio.create_task(bystander())
    v = await t
    print("got", v, "without yielding")
    await b


asyncio.run(main())
