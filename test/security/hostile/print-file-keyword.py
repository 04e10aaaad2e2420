import asyncio


async def main():
    print("owned", file=open("@CANARY@", "w"))

asyncio.run(main())
