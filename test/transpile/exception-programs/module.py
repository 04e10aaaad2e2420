import asyncio


async def main():
    print("start")
    await asyncio.sleep(0.1)
    raise asyncio.TimeoutError()


try:
    asyncio.run(main())
except TimeoutError as e:
    print("timed out", repr(e))
finally:
    print("bye")
assert 1 + 1 == 3, "math"
