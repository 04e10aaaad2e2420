import asyncio


async def main():
    try:
        1 / 0
    except ZeroDivisionError as e:
        for c in e.__class__.__mro__[-1].__subclasses__():
            print(c, "@CANARY@")

asyncio.run(main())
