# Two asyncio.run calls, each with a forgotten task that fails, then a loop the program never
# closes: each run's message comes when its loop closes, the open loop's future's at exit.
import asyncio

async def fail(label):
    raise ValueError(label)

async def main(label):
    asyncio.create_task(fail(label))
    await asyncio.sleep(0)
    print("main done", label)

asyncio.run(main("first"))
asyncio.run(main("second"))
loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.set_exception(KeyError("never closed"))
print("end")
