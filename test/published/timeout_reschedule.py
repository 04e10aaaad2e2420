# Pattern: Python 3.11 docs, asyncio.timeout and Timeout.reschedule.
import asyncio


async def long_running_task():
    await asyncio.sleep(5)
    return "done"


async def main():
    try:
        async with asyncio.timeout(None) as cm:
            new_deadline = asyncio.get_running_loop().time() + 1
            cm.reschedule(new_deadline)
            await long_running_task()
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")
    print("This statement will run regardless.")
    print(cm.expired())


asyncio.run(main())
