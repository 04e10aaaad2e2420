import asyncio


async def main():
    try:
        raise ValueError("x")
    except ValueError as e:
        print(type(e)("open('@CANARY@', 'w')"))
        print(type(e).__name__.join(["a", "b"]))

asyncio.run(main())
