import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, "open('@CANARY@', 'w')")
    loop.call_soon(loop.time().__class__, "x")
    await asyncio.sleep(0.01)

asyncio.run(main())
