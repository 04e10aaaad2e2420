# A Future whose exception nobody retrieves logs "Future exception was never retrieved"
# (an exception set, never raised: no traceback above its last line); one whose exception is
# read does not.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    read = loop.create_future()
    read.set_exception(KeyError("read"))
    print("read:", repr(read.exception()))
    unread = loop.create_future()
    unread.set_exception(KeyError("unread"))
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
