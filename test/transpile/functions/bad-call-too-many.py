import asyncio


async def main():
    def area(w, h=1):
        return w * h
    print(area(2), area(2, 3))
    print(area(1, 2, 3))


asyncio.run(main())
