# loop.set_exception_handler: a def and a lambda as the handler, the context dict it gets (Handle and never-retrieved Task), get_exception_handler, a non-callable refused.
import asyncio


def handle_exception(loop, context):
    msg = context.get("exception", context["message"])
    print(f"Caught exception: {msg!r}")
    print(sorted(context), context["message"])


async def bad():
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handle_exception)
    print(loop.get_exception_handler() is handle_exception)
    loop.call_soon(lambda: 1 / 0)
    asyncio.create_task(bad())
    await asyncio.sleep(0.1)
    try:
        loop.set_exception_handler(42)
    except TypeError as e:
        print("TypeError:", e)
    loop.set_exception_handler(lambda lp, ctx: print("lambda got", ctx["message"]))
    loop.call_soon(print, "before")
    loop.call_soon(lambda: [][1])
    await asyncio.sleep(0)
    print("done")

asyncio.run(main())
