import asyncio


async def main():
    print(asyncio.current_task().get_coro().cr_frame.f_globals)

asyncio.run(main())
