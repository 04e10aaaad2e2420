import asyncio


async def main():
    print("{0[0].__globals__}".format([print]))

asyncio.run(main())
