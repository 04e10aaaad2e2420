import asyncio


async def main():
    print(f"{open('@CANARY@', 'w')!a}")

asyncio.run(main())
