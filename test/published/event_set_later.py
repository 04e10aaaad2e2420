# Pattern: asyncio.Event set by a call_later callback, several waiters.
import asyncio


async def waiter(name, event):
    print(f"{name} waiting")
    await event.wait()
    print(f"{name} released")


async def main():
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    waiters = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2", "w3")]
    loop.call_later(0.5, event.set)
    await asyncio.gather(*waiters)
    print("is set:", event.is_set())


asyncio.run(main())
