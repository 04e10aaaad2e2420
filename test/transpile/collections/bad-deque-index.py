import asyncio
import collections


async def main():
    history = collections.deque([1, 2], maxlen=2)
    await asyncio.sleep(0.1)
    history.append(3)
    print(history, history[1])
    print(history[2])

asyncio.run(main())
