import asyncio


async def main():
    await asyncio.get_event_loop().run_in_executor(None, open, "@CANARY@", "w")

asyncio.run(main())
