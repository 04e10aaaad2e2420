import asyncio


@open("@CANARY@", "w").write
async def main():
    print("hi")
