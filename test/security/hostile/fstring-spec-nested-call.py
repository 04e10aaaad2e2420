import asyncio


async def main():
    x = 1
    print(f"{x:{open('@CANARY@', 'w')}}")

asyncio.run(main())
