import asyncio


async def main():
    async with asyncio.TaskGroup() as tg:
        task = tg.create_task(asyncio.sleep(0, "@CANARY@"))
        print(task.get_coro().cr_frame.f_globals)

asyncio.run(main())
