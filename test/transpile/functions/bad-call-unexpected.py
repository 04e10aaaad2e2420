import asyncio


async def main():
    handler = lambda event, *rest: (event, rest)
    print(handler(1, 2, 3))
    handler(1, colour="red")


asyncio.run(main())
