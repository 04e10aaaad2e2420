import asyncio


def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    def peek():
        return count
    return [increment, peek]


async def ticker(name, inc, times):
    for _ in range(times):
        await asyncio.sleep(0.01)
        print(name, inc())


async def main():
    inc, peek = make_counter(10)
    await asyncio.gather(ticker("a", inc, 3), ticker("b", inc, 2))
    print("total", peek())
    other = make_counter()[0]
    print(other(), other(5), inc(0))


asyncio.run(main())
