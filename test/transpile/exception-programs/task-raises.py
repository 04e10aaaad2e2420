import asyncio


async def worker(name, delay, fail):
    print(f"{name} start")
    try:
        await asyncio.sleep(delay)
        if fail:
            raise RuntimeError(f"{name} failed")
        print(f"{name} ok")
        return delay
    finally:
        print(f"{name} cleanup")


async def main():
    t1 = asyncio.create_task(worker("a", 0.2, False))
    t2 = asyncio.create_task(worker("b", 0.1, True))
    try:
        await t2
    except RuntimeError as e:
        print("main caught:", e, repr(e))
    print(await t1)
    results = await asyncio.gather(worker("c", 0.1, True), worker("d", 0.05, False), return_exceptions=True)
    print(results)
    for r in results:
        if isinstance(r, BaseException):
            print("error", type(r).__name__, r.args)
    try:
        await asyncio.gather(worker("e", 0.1, True), worker("f", 0.3, False))
    except RuntimeError as e:
        print("gather raised", e)
    await asyncio.sleep(0.5)


asyncio.run(main())
