import asyncio


async def worker(name, delay, *, retries):
    await asyncio.sleep(delay)
    return name


async def main():
    handlers = [worker]
    print(await handlers[0]("a", 0, retries=1))
    await handlers[0]("b", 0)


asyncio.run(main())
