import asyncio


def show(*args, **kwargs):
    print(args, kwargs)


async def main():
    await asyncio.sleep(0)
    show(1, **{"a": 1})
    f = show
    f(**[("a", 1)])

asyncio.run(main())
