import asyncio


async def main():
    try:
        try:
            [][1]
        except IndexError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as r:
        print(r.__cause__.__traceback__.tb_frame.f_globals, "@CANARY@")

asyncio.run(main())
