# ---
# description: A task created by main but never awaited runs its first step (it was scheduled before main finished); its later steps never run: asyncio.run cancels it.
# pins: runners.py Runner.run / _cancel_all_tasks; tasks.py Task.__init__ (call_soon of __step)
# clock: realistic
# outcome: ok
# expected:
#   ["shav\n",0.000001]
#   ["finished\n",0.000001]
#   ["text\n",0.000002]
# ---
import asyncio


async def other():
    print("text")
    await asyncio.sleep(1)
    print("never printed: the task is cancelled when main returns")


async def main():
    print("shav")
    asyncio.create_task(other())
    print("finished")


asyncio.run(main())
