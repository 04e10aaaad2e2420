import asyncio
from collections import defaultdict


async def main():
    d = defaultdict(None, {"a": 1})
    await asyncio.sleep(0)
    print(d, d["a"])
    print(d["b"])

asyncio.run(main())
