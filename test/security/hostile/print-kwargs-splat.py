import asyncio


async def main():
    print("owned", **{"file": 1})

asyncio.run(main())
