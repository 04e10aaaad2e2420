import asyncio


async def main():
    await asyncio.create_subprocess_shell("touch @CANARY@")

asyncio.run(main())
