import asyncio


async def main():
    template = "{0.__self__}"
    print(template.format(len))

asyncio.run(main())
