# A dropped task fails, then a callback raises, then a future is left unretrieved: CPython
# frees the dropped task right after its failing step, so the three messages come in that order.
import asyncio
def cb(x):
    raise ValueError(x)
async def bug():
    raise RuntimeError('t')
async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(bug())
    await asyncio.sleep(0)
    loop.call_soon(cb, 1)
    fut = loop.create_future()
    fut.set_exception(KeyError('f'))
    await asyncio.sleep(0)
    print('x')
asyncio.run(main())
