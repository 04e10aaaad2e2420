# timedelta arithmetic beyond + and - (issue 8): * and / by ints and floats (rounded half to even on
# microseconds, as _datetimemodule.c divide_and_round), //, %, divmod, unary -, +, abs, truth, hash
# (a tuple's: no hash secret in it), the errors CPython raises (zero divisors, overflow, NaN, types).
import asyncio
import datetime


def show(label, f):
    try:
        print(label, repr(f()))
    except (ZeroDivisionError, OverflowError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)


async def main():
    start = datetime.datetime.now()
    await asyncio.sleep(1.25)
    # Coarse: python3 sleeps on the real clock (a loaded machine adds a little).
    elapsed = datetime.datetime.now() - start
    print("elapsed", round(elapsed * 4 / datetime.timedelta(seconds=1)), elapsed // datetime.timedelta(seconds=1), bool(elapsed))
    a = datetime.timedelta(days=1, seconds=5, microseconds=7)
    b = datetime.timedelta(seconds=3)
    show("mul int", lambda: a * 3)
    show("rmul int", lambda: 3 * a)
    show("mul float", lambda: a * 0.1)
    show("rmul float", lambda: 0.1 * a)
    show("mul neg", lambda: a * -1.5)
    show("half even", lambda: datetime.timedelta(microseconds=5) * 0.5)
    show("half even 2", lambda: datetime.timedelta(microseconds=7) * 0.5)
    show("div td", lambda: a / b)
    show("div int", lambda: a / 3)
    show("div float", lambda: a / 0.7)
    show("floordiv td", lambda: a // b)
    show("floordiv int", lambda: a // 3)
    show("mod", lambda: a % b)
    show("neg", lambda: -a)
    show("pos", lambda: +a)
    show("abs", lambda: abs(-a))
    show("divmod", lambda: divmod(a, b))
    show("divmod neg", lambda: divmod(-a, b))
    show("div zero", lambda: a / 0)
    show("floordiv zero", lambda: a // 0)
    show("div zero float", lambda: a / 0.0)
    show("mod zero", lambda: a % datetime.timedelta(0))
    show("floordiv td zero", lambda: a // datetime.timedelta(0))
    show("div td zero", lambda: a / datetime.timedelta(0))
    show("divmod zero", lambda: divmod(a, datetime.timedelta(0)))
    show("mul inf", lambda: a * float("inf"))
    show("mul nan", lambda: a * float("nan"))
    show("floordiv float", lambda: a // 2.0)
    show("mod int", lambda: a % 3)
    show("mul str", lambda: a * "x")
    show("mul bool", lambda: a * True)
    show("tiny div", lambda: datetime.timedelta(microseconds=3) / 2)
    show("huge", lambda: a * 10 ** 9)
    show("huger", lambda: a * 10 ** 12)
    show("neg tiny", lambda: -datetime.timedelta(microseconds=1))
    show("str neg", lambda: str(-datetime.timedelta(microseconds=1)))
    show("str frac", lambda: str(datetime.timedelta(days=-2, seconds=1.5)))
    show("bool zero", lambda: bool(datetime.timedelta(0)))
    show("bool", lambda: bool(a))
    show("int minus td", lambda: 3 - a)
    show("td times td", lambda: a * b)
    show("total", lambda: (a * 0.3).total_seconds())
    show("sub tiny", lambda: datetime.timedelta(seconds=1) % datetime.timedelta(microseconds=-3))
    show("type name", lambda: type(a).__name__)
    show("min over", lambda: -datetime.timedelta(days=999999999) - datetime.timedelta(days=1))
    show("hash td", lambda: hash(a))
    show("hash zero", lambda: hash(datetime.timedelta(0)))
    show("huge days", lambda: datetime.timedelta(days=999999999) * 2)
    show("float overflow", lambda: a * 2.5e17)
    show("div neg float", lambda: datetime.timedelta(seconds=10) / -3.0)
    show("div neg int", lambda: datetime.timedelta(microseconds=5) / -2)
    show("floordiv neg", lambda: datetime.timedelta(microseconds=5) // -2)
    show("in set", lambda: sorted({a, b, a * 1, b + a - a}))
    show("dict key", lambda: {a: 1, b: 2}[datetime.timedelta(seconds=3)])


asyncio.run(main())
