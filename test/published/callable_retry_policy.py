# Pattern: a retry policy object with __call__ wrapping a flaky coroutine function, and a
# results container with __len__, __iter__ and __contains__.
import asyncio


class ServiceUnavailable(Exception):
    pass


class Retry:
    def __init__(self, attempts, delay):
        self.attempts = attempts
        self.delay = delay

    async def __call__(self, func, *args):
        for attempt in range(1, self.attempts + 1):
            try:
                return await func(*args)
            except ServiceUnavailable as e:
                print(f"attempt {attempt} failed: {e}")
                await asyncio.sleep(self.delay)
        raise RuntimeError("giving up")


class Results:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __contains__(self, item):
        return item in self.items


failures = {"flaky": 2, "broken": 5}


async def call_service(name):
    await asyncio.sleep(0.05)
    if failures.get(name, 0) > 0:
        failures[name] -= 1
        raise ServiceUnavailable(f"{name} unavailable")
    return f"{name} ok"


async def main():
    retry = Retry(attempts=3, delay=0.1)
    results = Results()
    for name in ["stable", "flaky", "broken"]:
        try:
            results.add(await retry(call_service, name))
        except RuntimeError as e:
            print(name, e)
    print(len(results), list(results), "flaky ok" in results, "broken ok" in results)


asyncio.run(main())
