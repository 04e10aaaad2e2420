import asyncio


async def main():
    print("{0:{1.__class__}}".format(1, len))

asyncio.run(main())
