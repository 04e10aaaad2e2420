import asyncio


async def sleeper(n):
    try:
        print("sleeping", n)
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cancelled", n)
        raise
    finally:
        print("finally", n)


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("swallowed", repr(e), e.args)
        return "done anyway"


async def main():
    t = asyncio.create_task(sleeper(1))
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the cancellation", t.cancelled())
    u = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    u.cancel("stop now")
    print(await u, u.cancelled())
    v = asyncio.create_task(sleeper(2))
    await asyncio.sleep(0)
    v.cancel()
    try:
        await v
    except Exception:
        print("not reached")
    except BaseException as e:
        print("base", type(e).__name__)


asyncio.run(main())
