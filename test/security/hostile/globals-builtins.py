import asyncio


async def main():
    globals()["__builtins__"].exec("open('@CANARY@', 'w')")

asyncio.run(main())
