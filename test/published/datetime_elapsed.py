# Pattern: timing concurrent work with datetime.now() and a timedelta, as tutorials print it.
import asyncio
from datetime import datetime, timedelta


async def download(name, seconds):
    print(f"start {name}")
    await asyncio.sleep(seconds)
    print(f"done {name}")
    return seconds


async def main():
    start = datetime.now()
    results = await asyncio.gather(download("a", 1), download("b", 2), download("c", 1.5))
    elapsed = datetime.now() - start
    print(f"downloaded {len(results)} files in {elapsed.total_seconds():.0f} seconds")
    print("faster than sequential:", elapsed < timedelta(seconds=sum(results)))


if __name__ == "__main__":
    asyncio.run(main())
