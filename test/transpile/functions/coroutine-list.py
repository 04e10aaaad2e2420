import asyncio


async def fetch(n):
    await asyncio.sleep(0.01 * n)
    return f"fetch {n}"


async def store(n):
    await asyncio.sleep(0.005)
    return f"store {n}"


async def main():
    steps = [fetch, store, fetch]
    for k in range(len(steps)):
        step = steps[k]
        print(await step(k))
    tasks = [asyncio.create_task(f(i)) for i, f in enumerate(steps)]
    print(await asyncio.gather(*tasks))
    chosen = steps[1] if len(steps) > 2 else steps[0]
    print(await chosen(n=7))


if __name__ == "__main__":
    asyncio.run(main())
