import asyncio


async def main():
    x = vars()
    print(x)

asyncio.run(main())
