import asyncio


async def main():
    print(__builtins__)

asyncio.run(main())
