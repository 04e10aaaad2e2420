import asyncio


async def main():
    t = asyncio.current_task()
    loop = t._loop
    loop.run_in_executor(None, print, "@CANARY@")

asyncio.run(main())
