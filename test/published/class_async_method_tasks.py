# Source: a common tutorial pattern (a class whose async method runs as several tasks).
import asyncio


class Downloader:
    def __init__(self, name):
        self.name = name
        self.done = []

    async def download(self, url, seconds):
        print(f"{self.name}: start {url}")
        await asyncio.sleep(seconds)
        self.done.append(url)
        print(f"{self.name}: finished {url}")
        return len(url)


async def main():
    d = Downloader("dl")
    tasks = [
        asyncio.create_task(d.download("a.com", 2)),
        asyncio.create_task(d.download("bb.org", 1)),
        asyncio.create_task(d.download("ccc.net", 3)),
    ]
    sizes = await asyncio.gather(*tasks)
    print(sizes, d.done)


asyncio.run(main())
