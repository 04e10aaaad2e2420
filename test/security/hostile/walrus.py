import asyncio


async def main():
    print(e := exec)
    e("open('@CANARY@', 'w')")

asyncio.run(main())
