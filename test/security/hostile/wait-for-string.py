import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for("open('@CANARY@', 'w')", 1)
    except TypeError as e:
        print(e)
    done, pending = await asyncio.wait([loop.create_task(asyncio.sleep(0, "open('@CANARY@', 'w')"))])
    print(len(done))

asyncio.run(main())
