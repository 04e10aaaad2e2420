import asyncio


async def main():
    try:
        raise ValueError("x")
    except ValueError as e:
        print(type(e).__subclasses__(), "@CANARY@")

asyncio.run(main())
