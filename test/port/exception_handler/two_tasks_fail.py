# Two fire-and-forget tasks fail, the later-created one first: each is logged when it
# fails, so "b" comes before "a".
import asyncio


async def fail(label, delay):
    await asyncio.sleep(delay)
    raise RuntimeError(label)


async def main():
    asyncio.create_task(fail("a", 0.02))
    asyncio.create_task(fail("b", 0.01))
    await asyncio.sleep(0.05)
    print("main done")


asyncio.run(main())
