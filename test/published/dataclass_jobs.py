# Pattern: dataclasses as job records processed by worker tasks.
import asyncio
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    cost: float
    tags: list = field(default_factory=list)


async def run_job(job):
    await asyncio.sleep(job.cost)
    print(f"finished {job.name}")
    return job


async def main():
    jobs = [Job("a", 0.3), Job("b", 0.1, ["fast"]), Job("c", 0.2)]
    done = await asyncio.gather(*(run_job(j) for j in jobs))
    print(done[1])
    print(done[0] == Job("a", 0.3))


asyncio.run(main())
