# Callbacks that raise, in the forms asyncio formats differently: a def with arguments, a
# functools.partial, a lambda, a bound method and a timer (call_later) one.
import asyncio
import functools


def fail(label, n=0):
    raise ValueError(f"{label} {n}")


class Counter:
    def __init__(self):
        self.count = 0

    def bump(self, step):
        self.count += step
        raise RuntimeError(f"count {self.count}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(fail, "plain", 1)
    loop.call_soon(functools.partial(fail, "partial"), 2)
    loop.call_soon(lambda: fail("lambda"))
    loop.call_soon(Counter().bump, 3)
    loop.call_later(0.01, fail, "timer")
    await asyncio.sleep(0.05)
    print("main done")


asyncio.run(main())
