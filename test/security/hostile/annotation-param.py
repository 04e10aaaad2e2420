import asyncio


def f(x: __import__("os").system("touch @CANARY@")):
    return x


async def main():
    print("done", f(1))

asyncio.run(main())
