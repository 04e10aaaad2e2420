import asyncio


async def main():
    try:
        raise ExceptionGroup("g", [ValueError("@CANARY@")])
    except* ValueError as eg:
        print(eg.exceptions[0].__traceback__.tb_frame.f_globals)

asyncio.run(main())
