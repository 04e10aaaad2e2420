import asyncio


async def main():
    ｅｘｅｃ("open('@CANARY@', 'w')")

asyncio.run(main())
