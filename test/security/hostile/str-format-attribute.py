import asyncio


async def main():
    print("{0.__self__.open}".format(print))

asyncio.run(main())
