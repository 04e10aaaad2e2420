import asyncio


def f(x=open("@CANARY@", "w")):
    return 1


async def main():
    print(f())

asyncio.run(main())
