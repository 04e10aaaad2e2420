# datetime.replace(...) (positional and keyword fields, the constructor's checks), .time() and what a
# time gives (fields, repr, str, isoformat with timespec, strftime on 1900-01-01, comparisons),
# datetime.isoformat(timespec=...), datetimes and times as dict keys. Fixed datetimes only, so
# python3 prints the same. hash() of a datetime or time is refused (it follows the hash secret).
import asyncio
import datetime


async def main():
    d = datetime.datetime(2024, 2, 28, 23, 59, 30, 1500)
    print(repr(d.replace(year=2023)), d.replace(2020, 1), d.replace(microsecond=0), d.replace(hour=1, minute=2, second=3))
    for change in [lambda: d.replace(month=2, day=30), lambda: d.replace(hour=24), lambda: d.replace(year=0), lambda: d.replace(microsecond=1000000)]:
        try:
            change()
        except ValueError as e:
            print("replace", e)
    t = d.time()
    print(repr(t), t, t.isoformat(), t.hour, t.minute, t.second, t.microsecond, type(t).__name__)
    print(repr(datetime.datetime(2024, 1, 1).time()), repr(datetime.datetime(2024, 1, 1, 5, 6, 7).time()), datetime.datetime(2024, 1, 1, 5).time())
    print(repr(datetime.datetime(2024, 1, 1, 0, 0, 0, 9).time()), datetime.datetime(2024, 1, 1, 0, 0, 0, 9).time())
    for spec in ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]:
        print(spec, t.isoformat(spec), d.isoformat(timespec=spec), d.isoformat(" ", spec))
    try:
        t.isoformat("days")
    except ValueError as e:
        print(e)
    print(t.strftime("%H:%M:%S.%f %p %I %j %a %b %d %Y"), t.strftime("%c"))
    late = datetime.datetime(2024, 1, 1, 23).time()
    print(t < late, t == d.time(), t != late, late > t, t == d, d.time() in {t: 1})
    try:
        print(t < d)
    except TypeError as e:
        print(e)
    before = datetime.datetime.now()
    await asyncio.sleep(0.5)
    after = datetime.datetime.now()
    print(after.replace(microsecond=0) <= after, (after - before.replace(microsecond=before.microsecond)) >= datetime.timedelta(seconds=0.5))
    seen = {d: "d", d.replace(year=2000): "y2000"}
    print(seen[datetime.datetime(2000, 2, 28, 23, 59, 30, 1500)], len(seen))


asyncio.run(main())
