import asyncio


async def fetch(i):
    await asyncio.sleep(0.01 * i)
    if i % 2:
        raise ValueError(i)
    return i * 10


async def main():
    try:
        try:
            await fetch(1)
        except ValueError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as r:
        print(r, repr(r.__cause__), repr(r.__context__), r.__cause__ is r.__context__)
    try:
        try:
            await fetch(3)
        except ValueError:
            raise KeyError("during")
    except KeyError as k:
        print(k, repr(k.__context__), k.__cause__)
    try:
        try:
            await fetch(5)
        except ValueError:
            raise TypeError("hidden") from None
    except TypeError as t:
        print(t, t.__cause__, repr(t.__context__))
    try:
        try:
            await fetch(7)
        finally:
            print("finally runs")
    except ValueError as v:
        print("after finally", v)
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            await fetch(9)
    except ValueError as v:
        print(repr(v), repr(v.__context__))
    count = 0
    while True:
        try:
            count += 1
            if count < 3:
                raise ValueError(count)
            break
        except ValueError as e:
            print("retry", e)
            continue
        finally:
            print("attempt", count)
    print("count", count)
    raise ValueError("bad", 3)


asyncio.run(main())
