import asyncio


async def main():
    asyncio.events.os.system("touch @CANARY@")

asyncio.run(main())
