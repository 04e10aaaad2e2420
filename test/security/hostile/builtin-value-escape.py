import asyncio


async def main():
    # A builtin used as a value is still only that builtin: no attribute of it can be reached.
    print(list(map(str, [len, abs])), sorted([3, 1], key=abs))
    print(print.__self__)

asyncio.run(main())
