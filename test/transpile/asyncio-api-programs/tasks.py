# Task methods, wait_for, shield, ensure_future, sleep(d, result), gather(return_exceptions=True).
import asyncio


async def work(n):
    try:
        await asyncio.sleep(n)
        print("work", n, "finished")
        return n * 10
    except asyncio.CancelledError as e:
        print("work", n, "cancelled", e.args)
        raise


async def main():
    t = asyncio.create_task(work(0.5), name="w")
    print(t.get_name(), t.done())
    t.set_name("renamed")
    print(t.get_name(), t.get_coro() is not None)
    await asyncio.sleep(0.01)
    print(t.cancel("stop now"), t.cancelling())
    print(t.cancel(), t.cancelling(), t.uncancel(), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main saw", e.args)
    print(t.cancelled(), t.done(), t.cancel())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result() raises", type(e).__name__, e.args)
    t2 = asyncio.ensure_future(work(0.02))
    r = await asyncio.shield(t2)
    print(r, t2.result(), t2.exception())
    try:
        await asyncio.wait_for(work(0.3), timeout=0.05)
    except asyncio.TimeoutError:
        print("timeout")
    print(await asyncio.wait_for(work(0.02), 1))
    print(await asyncio.wait_for(work(0.02), None))
    print(await asyncio.sleep(0.01, "slept"))
    res = await asyncio.gather(work(0.02), asyncio.sleep(0.01, "x"), asyncio.wait_for(work(1), 0.03), return_exceptions=True)
    print(res)
    print([type(x).__name__ for x in res])
    same = asyncio.ensure_future(t2)
    print(same is t2)
    try:
        t2.set_result(1)
    except RuntimeError as e:
        print(e)


asyncio.run(main())
