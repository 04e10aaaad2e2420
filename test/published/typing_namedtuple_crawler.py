# Pattern: a crawler with a queue of URLs and worker tasks, results as typing.NamedTuple.
import asyncio
from typing import NamedTuple

LINKS = {
    "/": ["/a", "/b"],
    "/a": ["/c"],
    "/b": ["/c", "/d"],
    "/c": [],
    "/d": ["/"],
}


class Page(NamedTuple):
    path: str
    links: tuple
    depth: int = 0


async def crawl(path, depth):
    await asyncio.sleep(0.1 * len(path))
    return Page(path, tuple(LINKS[path]), depth)


async def worker(name, queue, seen, pages):
    while True:
        path, depth = await queue.get()
        page = await crawl(path, depth)
        pages.append(page)
        print(f"{name} crawled {page.path} at depth {page.depth}")
        for link in page.links:
            if link not in seen:
                seen.add(link)
                queue.put_nowait((link, depth + 1))
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    seen = {"/"}
    pages = []
    queue.put_nowait(("/", 0))
    workers = [asyncio.create_task(worker(f"w{i}", queue, seen, pages)) for i in range(2)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(sorted(p.path for p in pages))
    print(max(pages, key=lambda p: p.depth))


asyncio.run(main())
