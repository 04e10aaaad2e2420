import asyncio


async def main():
    print.__self__.exec("open('@CANARY@', 'w')")

asyncio.run(main())
