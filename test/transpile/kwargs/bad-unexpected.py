import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    print(await job("a", 0.1))
    params = {"name": "b", "delay": 0.1, "loud": True}
    print(await job(**params))

asyncio.run(main())
