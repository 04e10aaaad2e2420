import asyncio


class Config:
    retries = 3
    names = ["a", "b"]

    @classmethod
    def describe(cls):
        return f"{cls.retries} retries for {cls.names}"


Config.retries += 1
cfg = Config()
cfg.names = cfg.names + ["c"]
print(Config.describe(), cfg.names, Config.names)


class Job:
    def __init__(self, name, cost):
        self.name = name
        self.cost = cost

    def __repr__(self):
        return f"Job({self.name!r})"


jobs = [Job("x", 3), Job("y", 1), Job("z", 2)]
print(sorted(jobs, key=lambda j: j.cost))


async def run(job):
    await asyncio.sleep(job.cost)
    print("done", job)
    return job.cost


async def main():
    total = sum(await asyncio.gather(*[run(j) for j in jobs]))
    print("total", total)
    print(Job("q", 1))
    j = Job("w", 0)
    print(j)
    try:
        Job("only one")
    except TypeError as e:
        print(e)
    return total


print(asyncio.run(main()))
