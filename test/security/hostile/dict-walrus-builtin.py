import asyncio


async def main():
    d = {'run': (e := eval)}
    d['run']("open('@CANARY@', 'w')")

asyncio.run(main())
