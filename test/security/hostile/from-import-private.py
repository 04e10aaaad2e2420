import asyncio
from random import _os


async def main():
    _os.system("touch @CANARY@")

asyncio.run(main())
