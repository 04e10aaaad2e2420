# Source: Python 3.11 docs, "Developing with asyncio", "Detect never-awaited coroutines".
import asyncio

async def test():
    print("never scheduled")

async def main():
    test()

asyncio.run(main())
