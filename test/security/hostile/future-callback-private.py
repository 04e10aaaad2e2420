import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: f._loop.call_soon(print, open("@CANARY@", "w")))
    fut.set_result(1)
    await asyncio.sleep(0)

asyncio.run(main())
