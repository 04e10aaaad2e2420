# Pattern: the queue docs' PrioritizedItem (@dataclass(order=True) with field(compare=False))
# in an asyncio.PriorityQueue drained by a worker task.
import asyncio
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class PrioritizedItem:
    priority: int
    item: Any = field(compare=False)


async def worker(queue):
    while True:
        job = await queue.get()
        await asyncio.sleep(0.1)
        print(f"handled {job.item} (priority {job.priority})")
        queue.task_done()


async def main():
    queue = asyncio.PriorityQueue()
    for priority, name in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
        queue.put_nowait(PrioritizedItem(priority, name))
    task = asyncio.create_task(worker(queue))
    await queue.join()
    task.cancel()
    print(PrioritizedItem(1, "a") == PrioritizedItem(1, "b"))


asyncio.run(main())
