import asyncio


async def main():
    x = 1
    print(f"{x:{x.__class__}}")

asyncio.run(main())
