# A wait_for that times out, uncaught: exit 1 and TimeoutError as the traceback's last line.
import asyncio


async def forever():
    await asyncio.sleep(10)


async def main():
    print("waiting")
    await asyncio.wait_for(forever(), timeout=0.01)


asyncio.run(main())
