# Source: a common tutorial pattern (asyncio.Semaphore limiting concurrent downloads).
import asyncio

async def download(sem, n):
    async with sem:
        print(f"start {n}")
        await asyncio.sleep(1)
        print(f"done {n}")
        return n * 10

async def main():
    sem = asyncio.Semaphore(2)
    results = await asyncio.gather(*[download(sem, n) for n in range(5)])
    print(results)

asyncio.run(main())
