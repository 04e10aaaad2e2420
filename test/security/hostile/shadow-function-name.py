import asyncio


def open(path):
    return path


async def main():
    print(open("@CANARY@"))

asyncio.run(main())
