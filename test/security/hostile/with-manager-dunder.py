import asyncio


async def main():
    async with asyncio.Lock() as lock:
        print(lock.__aexit__, "@CANARY@")

asyncio.run(main())
