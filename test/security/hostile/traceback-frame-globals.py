import asyncio


async def boom():
    return [][1]


async def main():
    r = await asyncio.gather(boom(), return_exceptions=True)
    g = r[0].__traceback__.tb_frame.f_globals
    print(g)

asyncio.run(main())
