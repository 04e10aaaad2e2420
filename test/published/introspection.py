# Pattern: task introspection (current_task, get_name, all_tasks) as tutorials show it.
import asyncio

async def worker(name, delay):
    task = asyncio.current_task()
    print(f"{name} running as {task.get_name()}")
    await asyncio.sleep(delay)
    return f"{name} done"

async def main():
    tasks = [asyncio.create_task(worker(f"w{i}", i / 10), name=f"job-{i}") for i in range(3)]
    print("tasks alive:", len(asyncio.all_tasks()))
    results = await asyncio.gather(*tasks)
    print(results)
    print("tasks alive:", len(asyncio.all_tasks()))
    print(asyncio.current_task().get_name())

asyncio.run(main())
