import asyncio


async def main() -> open("@CANARY@", "w"):
    print("done")

asyncio.run(main())
