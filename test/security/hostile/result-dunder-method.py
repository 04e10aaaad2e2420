import asyncio


async def one():
    return 1


async def main():
    t = asyncio.create_task(one())
    await t
    print(t.result().__reduce_ex__(2))

asyncio.run(main())
