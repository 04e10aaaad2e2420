# Pattern: an asynchronous context manager class (tutorials on __aenter__/__aexit__).
import asyncio


class AsyncConnection:
    def __init__(self, host):
        self.host = host

    async def __aenter__(self):
        print(f"connecting to {self.host}")
        await asyncio.sleep(0.1)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print(f"closing {self.host} ({exc_type.__name__ if exc_type else 'no error'})")
        await asyncio.sleep(0.1)
        return False

    async def query(self, q):
        await asyncio.sleep(0.05)
        return f"{self.host}: {q.upper()}"


async def main():
    async with AsyncConnection("db1") as conn:
        print(await conn.query("select 1"))
    try:
        async with AsyncConnection("db2") as conn:
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)


asyncio.run(main())
