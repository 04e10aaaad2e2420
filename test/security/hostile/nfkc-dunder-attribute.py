import asyncio


async def main():
    xs = [1]
    print(xs.＿＿class＿＿)

asyncio.run(main())
