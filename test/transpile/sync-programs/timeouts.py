# asyncio.timeout / timeout_at, reschedule, expired, TimeoutError (issue 9).
import asyncio


async def slow(d):
    await asyncio.sleep(d)
    return "slow done"


async def main():
    try:
        async with asyncio.timeout(0.05) as cm:
            print("expired before?", cm.expired())
            await slow(10)
    except TimeoutError as e:
        print("timed out", cm.expired(), repr(e), type(e.__cause__).__name__)
    async with asyncio.timeout(1) as cm:
        print(await slow(0.01))
    print("expired?", cm.expired())
    async with asyncio.timeout(None) as cm:
        cm.reschedule(None)
        print(cm.when())
        await asyncio.sleep(0.01)
    try:
        async with asyncio.timeout_at(0):
            await asyncio.sleep(5)
    except asyncio.TimeoutError:
        print("a deadline in the past fires at once")
    try:
        async with asyncio.timeout(0.2):
            async with asyncio.timeout(0.05):
                await asyncio.sleep(1)
    except TimeoutError:
        print("the inner one fired")
    cm = asyncio.timeout(1)
    try:
        cm.reschedule(2)
    except RuntimeError as e:
        print(e)
    try:
        async with asyncio.timeout(0.03):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("cancelled inside")
                raise
    except TimeoutError:
        print("then TimeoutError outside")

asyncio.run(main())
