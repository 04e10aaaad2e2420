import asyncio


async def main():
    s = {1, 2}
    s.__class__.__init__(s, "open('@CANARY@', 'w')")

asyncio.run(main())
