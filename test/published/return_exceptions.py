# Pattern: gather(return_exceptions=True), then the first exception propagating.
import asyncio

async def ok(x):
    await asyncio.sleep(0.1)
    return x

async def fail(msg):
    await asyncio.sleep(0.05)
    raise ValueError(msg)

async def main():
    results = await asyncio.gather(ok(1), fail("bad"), ok(3), return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print("error:", type(r).__name__, r)
        else:
            print("value:", r)
    try:
        await asyncio.gather(ok(1), fail("worse"))
    except ValueError as e:
        print("caught", repr(e))

asyncio.run(main())
