# Pattern: an async cache keyed by a frozen dataclass, guarded by an asyncio.Lock so that
# concurrent requests for the same key compute it once.
import asyncio
from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    table: str
    id: int


class Cache:
    def __init__(self):
        self.data = {}
        self.lock = asyncio.Lock()
        self.misses = 0

    async def get(self, query):
        async with self.lock:
            if query not in self.data:
                self.misses += 1
                await asyncio.sleep(0.1)
                self.data[query] = f"{query.table}#{query.id}"
            return self.data[query]


async def main():
    cache = Cache()
    queries = [Query("users", 1), Query("users", 2), Query("users", 1), Query("orders", 1)]
    results = await asyncio.gather(*(cache.get(q) for q in queries))
    print(results)
    print("misses:", cache.misses)
    try:
        queries[0].id = 5
    except AttributeError as e:
        print(type(e).__name__, e)


asyncio.run(main())
