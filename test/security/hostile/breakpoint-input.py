import asyncio


async def main():
    breakpoint()
    print(input())

asyncio.run(main())
