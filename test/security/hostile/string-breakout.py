import asyncio


async def main():
    print("'\n__import__('os').system('touch @CANARY@')\n'", "{__import__}")
    print(f"{1!r:>3}", '"""\\')

asyncio.run(main())
