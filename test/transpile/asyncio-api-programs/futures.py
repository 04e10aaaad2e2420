# Futures: asyncio.Future(), loop.create_future(), results, exceptions, callbacks, InvalidStateError.
import asyncio
import functools


def report(tag, fut):
    print("callback", tag, fut.done(), fut.cancelled())


async def set_after(fut, delay, value):
    await asyncio.sleep(delay)
    fut.set_result(value)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut.done(), fut.get_loop() is loop)
    fut.add_done_callback(functools.partial(report, "first"))
    fut.add_done_callback(lambda f: print("lambda sees", f.result()))
    cb = functools.partial(report, "removed")
    fut.add_done_callback(cb)
    fut.add_done_callback(cb)
    print("removed", fut.remove_done_callback(cb))
    loop.create_task(set_after(fut, 0.01, "... world"))
    print("hello ...")
    print(await fut)
    await asyncio.sleep(0)
    for action in ["result", "exception", "set_result", "set_exception"]:
        try:
            f2 = asyncio.Future()
            if action == "result":
                f2.result()
            elif action == "exception":
                f2.exception()
            elif action == "set_result":
                fut.set_result(2)
            else:
                fut.set_exception(ValueError("late"))
        except asyncio.InvalidStateError as e:
            print(action, "->", type(e).__name__, e)
    f3 = asyncio.Future()
    f3.set_exception(KeyError("k"))
    print(repr(f3.exception()))
    try:
        await f3
    except KeyError as e:
        print("awaited", repr(e))
    f4 = loop.create_future()
    f4.add_done_callback(functools.partial(report, "cancel"))
    print(f4.cancel(), f4.cancel(), f4.cancelled())
    try:
        f4.result()
    except asyncio.CancelledError:
        print("cancelled result")
    f5 = asyncio.Future()
    f5.set_exception(ValueError)
    print(repr(f5.exception()))
    f6 = asyncio.Future()
    loop.call_later(0.01, report, "timer", f6)
    await asyncio.sleep(0.02)


asyncio.run(main())
