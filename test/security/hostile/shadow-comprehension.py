import asyncio


async def main():
    xs = [1 for print in [1]]
    print("open('@CANARY@', 'w')", xs)

asyncio.run(main())
