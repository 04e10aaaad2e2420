# A done callback that raises (a task's, a future's): "Exception in callback on_done(<repr>)", the
# future's repr cut by reprlib to 30 characters, as Handle._run formats its arguments.
import asyncio

def on_done(fut):
    raise ValueError("in done callback")

async def work():
    return 1

async def main():
    t = asyncio.create_task(work())
    t.add_done_callback(on_done)
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(on_done)
    fut.set_result(None)
    await t
    await asyncio.sleep(0)
    print("main done")

asyncio.run(main())
