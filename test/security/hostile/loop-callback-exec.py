import asyncio


async def main():
    asyncio.get_running_loop().call_soon(exec, "open('@CANARY@', 'w')")
    await asyncio.sleep(0)

asyncio.run(main())
