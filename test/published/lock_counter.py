# Source: a common tutorial pattern (asyncio.Lock guarding a shared counter).
import asyncio

counter = 0

async def increment(lock, name):
    global counter
    async with lock:
        value = counter
        await asyncio.sleep(0.1)
        counter = value + 1
        print(f"{name} set counter to {counter}")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(increment(lock, f"worker-{i}") for i in range(3)))
    print("final", counter)

asyncio.run(main())
