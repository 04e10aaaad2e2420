import asyncio


async def main():
    try:
        raise SystemExit("@CANARY@")
    except BaseException as e:
        print(e.with_traceback(None))

asyncio.run(main())
