import asyncio


async def main():
    fs = [lambda: i for i in range(3)]
    print([f() for f in fs])
    gs = []
    for j in range(3):
        gs.append(lambda: j * 10)
    print([g() for g in gs])
    hs = [lambda k=k: k for k in range(3)]
    print([h() for h in hs])

    async def job(name, delay):
        await asyncio.sleep(delay)
        print(f"{name} done")
        return name

    tasks = [asyncio.create_task(job(f"t{n}", 0.1 * (3 - n))) for n in range(3)]
    print(await asyncio.gather(*tasks))
    print(sorted([3, 1, 2], reverse=True))

asyncio.run(main())
