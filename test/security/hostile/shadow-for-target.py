import asyncio


async def main():
    for print in [exec]:
        print("open('@CANARY@', 'w')")

asyncio.run(main())
