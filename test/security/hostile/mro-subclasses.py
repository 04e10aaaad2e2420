import asyncio


async def main():
    for c in ().__class__.__mro__[1].__subclasses__():
        print(c)

asyncio.run(main())
