import asyncio
from collections import deque, Counter, defaultdict

log = defaultdict(list)
tally = Counter()


async def worker(name, jobs):
    while jobs:
        job = jobs.popleft()
        await asyncio.sleep(job * 0.01)
        log[name].append(job)
        tally[name] += job
        tally.update([job % 3])


async def main():
    jobs = deque(range(1, 11))
    recent = deque([], 4)
    await asyncio.gather(*[worker(n, jobs) for n in ["a", "b", "c"]])
    for name in sorted(log):
        recent.extend(log[name])
        print(name, log[name], tally[name])
    print(recent, tally.most_common(3), len(tally))
    print(sorted(tally.items(), key=lambda kv: str(kv[0])))
    window = deque(maxlen=2)
    for i in range(5):
        window.append(i)
        window[0] = window[0] * 10
        print(list(window), window)

asyncio.run(main())
