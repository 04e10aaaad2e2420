# datetime on the virtual clock: elapsed time of tasks as datetime differences (timedelta,
# total_seconds), timedelta arithmetic, str/repr, fixed datetimes, isoformat and strftime.
# Nothing prints the wall clock itself, so python3 prints the same.
import asyncio
import datetime
from datetime import timedelta


async def work(name, seconds):
    start = datetime.datetime.now()
    await asyncio.sleep(seconds)
    took = datetime.datetime.now() - start
    return name, seconds, took


async def main():
    t0 = datetime.datetime.now()
    results = await asyncio.gather(work("slow", 1.5), work("fast", 0.3))
    # Rounded coarsely: python3 sleeps on the real clock, a loaded machine adds a little.
    for name, seconds, took in results:
        print(name, round(took.total_seconds()), took.days, took.seconds, timedelta(seconds=seconds) <= took < timedelta(seconds=seconds + 0.4))
    elapsed = datetime.datetime.now() - t0
    print(timedelta(seconds=1) < elapsed < timedelta(seconds=2), isinstance(elapsed.total_seconds(), float))
    td = timedelta(days=1, hours=2, minutes=3, seconds=4.5)
    print(td, repr(td), td.total_seconds(), timedelta(0), repr(timedelta(milliseconds=1)), timedelta(seconds=-1))
    print(timedelta(weeks=1, microseconds=7), timedelta(1, 2, 3), timedelta(seconds=0.1) + timedelta(microseconds=5))
    print(timedelta(minutes=90) - timedelta(hours=1), timedelta(seconds=1) == timedelta(milliseconds=1000))
    d = datetime.datetime(2024, 2, 28, 23, 59, 30)
    print(d, repr(d), d + timedelta(seconds=45), d - timedelta(days=59), d.isoformat(), d.isoformat(" "))
    print((d + td).strftime("%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %%"), d.strftime("%X %x %c"))
    print(d - datetime.datetime(2024, 1, 1), f"{td}", d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond)
    print(datetime.datetime(2024, 1, 1, 0, 0, 0, 250) < d, d == datetime.datetime(2024, 2, 28, 23, 59, 30))
    try:
        datetime.datetime(2023, 2, 29)
    except ValueError as e:
        print(e)


asyncio.run(main())
