# Failed tasks whose exception is retrieved after they failed (await, result(), exception(),
# gather, cancel() on the finished task) are never logged, nor is a cancelled task; the one
# task nobody retrieves is.
import asyncio


async def fail(label):
    await asyncio.sleep(0.01)
    raise ValueError(label)


async def main():
    awaited = asyncio.create_task(fail("awaited"))
    by_result = asyncio.create_task(fail("result"))
    by_exception = asyncio.create_task(fail("exception"))
    gathered = asyncio.create_task(fail("gathered"))
    cancelled_late = asyncio.create_task(fail("cancelled late"))
    cancelled = asyncio.create_task(fail("cancelled"))
    asyncio.create_task(fail("forgotten"))
    cancelled.cancel()
    await asyncio.sleep(0.05)
    try:
        await awaited
    except ValueError as exc:
        print("awaited:", exc)
    try:
        by_result.result()
    except ValueError as exc:
        print("result:", exc)
    print("exception:", by_exception.exception())
    print("gather:", await asyncio.gather(gathered, return_exceptions=True))
    print("cancel a failed task:", cancelled_late.cancel())
    print("cancelled:", cancelled.cancelled())


asyncio.run(main())
