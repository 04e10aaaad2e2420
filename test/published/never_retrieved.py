# Source: Python 3.11 docs, "Developing with asyncio", "Detect never-retrieved exceptions".
import asyncio

async def bug():
    raise Exception("not consumed")

async def main():
    asyncio.create_task(bug())

asyncio.run(main())
