import asyncio


async def main():
    handlers = [2, 3]
    callback = handlers[1]
    await asyncio.sleep(0)
    callback("x")


asyncio.run(main())
