# ---
# description: await coro() runs the callee inline in the same task: no iteration is spent, the other task runs later.
# pins: tasks.py Task.__step (a coroutine awaited inside a coroutine never reaches the loop)
# clock: realistic
# outcome: ok
# expected:
#   ["helper 1\n",0.000001]
#   ["helper returned 2 before the other task ran\n",0.000001]
#   ["other task\n",0.000002]
# ---
import asyncio


async def helper(n):
    print("helper", n)
    return n * 2


async def other():
    print("other task")


async def main():
    t = asyncio.create_task(other())
    v = await helper(1)
    print("helper returned", v, "before the other task ran")
    await t


asyncio.run(main())
