import asyncio
import itertools


async def worker(name, jobs):
    done = []
    for job in jobs:
        await asyncio.sleep(0.01 * job)
        done.append(job)
    return name, done


async def main():
    names = itertools.cycle(["w1", "w2", "w3"])
    batches = {}
    for job, name in zip(range(1, 8), names):
        batches.setdefault(name, []).append(job)
    results = await asyncio.gather(*[worker(n, js) for n, js in sorted(batches.items())])
    for name, done in results:
        print(name, done, list(itertools.accumulate(done)))
    ids = itertools.count(100)
    tasks = [asyncio.create_task(worker(f"t{next_id}", [1])) for next_id in itertools.islice(ids, 2)]
    print([await t for t in tasks])
    pairs = list(itertools.combinations([r[0] for r in results], 2))
    print(pairs, len(list(itertools.permutations(range(5), 3))))

asyncio.run(main())
