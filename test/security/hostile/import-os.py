import asyncio
import os

os.system("touch @CANARY@")
