import asyncio


async def main():
    getattr(asyncio, "sleep")

asyncio.run(main())
