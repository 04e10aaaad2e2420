/** A holdout-sized program (ten to thirty lines, a few tasks, sleeps without ties, gather), shared by the tests that run one under load. */
export const HOLDOUT = `import asyncio

async def worker(name, delay, n):
    total = 0
    for i in range(n):
        await asyncio.sleep(delay)
        total += i
        print(name, 'step', i)
    return total

async def ticker():
    for i in range(3):
        print('tick', i)
        await asyncio.sleep(0.013)

async def main():
    t = asyncio.create_task(ticker())
    results = await asyncio.gather(worker('a', 0.011, 3), worker('b', 0.027, 2), worker('c', 0.007, 4))
    print('results', results)
    await t
    print('done')

asyncio.run(main())
`;
