import asyncio


def risky(i):
    if i == 0:
        return [1, 2][5]
    if i == 1:
        return 1 // 0
    if i == 2:
        raise KeyError("k")
    if i == 3:
        raise NotImplementedError
    if i == 4:
        assert i < 3, f"i is {i}"
    if i == 5:
        raise TimeoutError("slow")
    if i == 6:
        raise asyncio.InvalidStateError("state")
    if i == 7:
        assert False
    return i


async def main():
    for i in range(9):
        try:
            print("value", risky(i))
        except LookupError as e:
            print("lookup", type(e).__name__, e, repr(e))
        except ArithmeticError as e:
            print("arith", e)
        except (RuntimeError, AssertionError) as e:
            print("rt/assert", type(e).__name__, repr(e), str(e) == "")
        except asyncio.TimeoutError as e:
            print("timeout", e, isinstance(e, (KeyError, (TimeoutError, ValueError))))
        except Exception as e:
            print("other", type(e).__name__, e)
        else:
            print("no error", i)
        finally:
            print("done", i)
    print(ValueError, asyncio.CancelledError, repr(ValueError("x", 1.5)), str(ValueError("x", 1.5)))
    e = ValueError()
    print(repr(e), e.args, str(e) == "", e.__cause__, e.__context__)
    print(f"{KeyError('q')!r} {KeyError('q')} {IndexError('i'):>5}")


asyncio.run(main())
