import asyncio


def report(**fields):
    return ", ".join([f"{k}={v}" for k, v in fields.items()])


async def main():
    await asyncio.sleep(0)
    base = {"a": 1, "b": 2}
    print(report(**base, c=3))
    print(report(c=0, **base))
    print(report(b=0, **base))

asyncio.run(main())
