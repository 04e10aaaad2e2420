import asyncio
import random
import time


async def main():
    random._os.system("touch @CANARY@")


asyncio.run(main())
