import asyncio


async def main():
    match asyncio:
        case object(__class__=cls):
            cls.__subclasses__()

asyncio.run(main())
