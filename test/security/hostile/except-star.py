import asyncio


async def main():
    try:
        raise ExceptionGroup("g", [ValueError("@CANARY@")])
    except* ValueError as eg:
        print(eg)

asyncio.run(main())
