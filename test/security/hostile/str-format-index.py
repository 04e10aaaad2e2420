import asyncio


async def main():
    print("{0[0].__globals__}".format([len]))

asyncio.run(main())
