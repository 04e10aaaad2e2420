import asyncio


def f(print=exec):
    print("open('@CANARY@', 'w')")


async def main():
    f()

asyncio.run(main())
