# Pattern: simulated fetches returning collections.namedtuple records, gathered and reported.
import asyncio
from collections import namedtuple

Response = namedtuple("Response", ["url", "status", "size"])


async def fetch(url, delay, status=200):
    await asyncio.sleep(delay)
    return Response(url, status, len(url) * 100)


async def main():
    responses = await asyncio.gather(
        fetch("https://example.com", 0.3),
        fetch("https://example.org/missing", 0.1, 404),
        fetch("https://example.net", 0.2),
    )
    for r in responses:
        print(r)
    ok = [r.url for r in responses if r.status == 200]
    print("ok:", ok)
    url, status, size = responses[1]
    print(url, status, size, responses[1]._asdict())
    print("total bytes:", sum(r.size for r in responses))


asyncio.run(main())
