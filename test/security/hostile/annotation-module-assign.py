import asyncio

x: open("@CANARY@", "w") = 1


async def main():
    print("x is", x)

asyncio.run(main())
