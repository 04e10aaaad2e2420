import asyncio


async def child():
    await asyncio.sleep(0.1)
    raise KeyError("missing")


async def main():
    t = asyncio.create_task(child())
    print("waiting")
    await t


asyncio.run(main())
