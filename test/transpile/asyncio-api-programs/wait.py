# asyncio.wait: its three modes and timeout; the sets are looked at only where CPython's order cannot show.
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    ts = [asyncio.create_task(job(n, d)) for n, d in [("a", 0.09), ("b", 0.01), ("c", 0.05)]]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), ts[1] in done, ts[0] in pending)
    for d in done:
        print("first:", d.result())
    done, pending = await asyncio.wait(pending, timeout=0.02)
    print(len(done), len(pending), [t in done for t in ts])
    done, pending = await asyncio.wait(pending)
    print(len(done), len(pending), done == {ts[0]}, type(done).__name__)
    bad = [asyncio.create_task(job("x", 0.01, True)), asyncio.create_task(job("y", 0.08))]
    done, pending = await asyncio.wait(bad, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), repr(bad[0].exception()))
    for p in pending:
        p.cancel()
    done, pending = await asyncio.wait(bad, return_when=asyncio.ALL_COMPLETED, timeout=1)
    print(len(done), len(pending), bad[1].cancelled())
    for args in [[], [job("z", 0)]]:
        c = args[0] if args else None
        try:
            await asyncio.wait(args)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
        if c is not None:
            await c
    try:
        await asyncio.wait([bad[0]], return_when="SOMETIMES")
    except ValueError as e:
        print(e)


asyncio.run(main())
