import asyncio


async def main():
    try:
        [][1]
    except IndexError as e:
        print(e.__traceback__.tb_frame.f_globals)

asyncio.run(main())
