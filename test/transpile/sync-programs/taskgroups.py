# TaskGroup, ExceptionGroup and except* (issue 9); the last group escapes (exit 1).
import asyncio


async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    if fail:
        raise ValueError(name)
    print(name, "done")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(work("a", 0.02))
        b = tg.create_task(work("b", 0.01), name="bee")
        print("started", b.get_name())
    print("results", a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("c", 0.01, fail=True))
            tg.create_task(work("d", 1))
    except* ValueError as eg:
        print("caught", repr(eg), eg.exceptions)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("e", 0.01, fail=True))
            raise KeyError("body")
    except ExceptionGroup as eg:
        print(eg, eg.exceptions)
    try:
        raise ExceptionGroup("top", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
    except* ValueError as eg:
        print("V", repr(eg))
    except* (TypeError, KeyError) as eg:
        print("TK", repr(eg))
    try:
        try:
            raise ValueError(5)
        except* ValueError as g:
            print("wrapped", repr(g))
            raise
    except ExceptionGroup as e:
        print("outer", repr(e))
    try:
        try:
            raise ExceptionGroup("m", [ValueError(5), KeyError(1)])
        except* ValueError:
            raise RuntimeError("in handler")
    except ExceptionGroup as e:
        print("regrouped", repr(e))
    try:
        try:
            raise ValueError(1)
        except* ExceptionGroup:
            pass
    except TypeError as e:
        print(e)
    try:
        ExceptionGroup("m", [])
    except ValueError as e:
        print(e)
    print(isinstance(BaseExceptionGroup("x", [ValueError()]), ExceptionGroup))
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work("f", 0.01, fail=True))

asyncio.run(main())
