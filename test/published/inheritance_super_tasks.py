# Source: a common tutorial pattern (a base class with an async run method, subclasses calling super()).
import asyncio


class Job:
    def __init__(self, name, delay):
        self.name = name
        self.delay = delay

    async def run(self):
        await asyncio.sleep(self.delay)
        return f"{self.name} finished after {self.delay}s"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class LoggedJob(Job):
    async def run(self):
        print(f"starting {self!r}")
        result = await super().run()
        print(result)
        return result


async def main():
    jobs = [LoggedJob("backup", 2), Job("cleanup", 1), LoggedJob("report", 1.5)]
    results = await asyncio.gather(*[job.run() for job in jobs])
    print(results)
    print(jobs)


asyncio.run(main())
