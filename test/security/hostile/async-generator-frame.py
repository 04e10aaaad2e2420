import asyncio


async def agen():
    yield 1


async def main():
    async for frame in agen().ag_frame.f_back:
        print(frame)

asyncio.run(main())
