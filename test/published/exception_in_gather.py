# Source: a common tutorial pattern (gather with return_exceptions=True).
import asyncio

async def ok(n):
    await asyncio.sleep(n)
    return n

async def fail(n):
    await asyncio.sleep(n)
    raise ValueError(f"bad input {n}")

async def main():
    results = await asyncio.gather(ok(1), fail(2), ok(3), return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print("error:", r)
        else:
            print("result:", r)

asyncio.run(main())
