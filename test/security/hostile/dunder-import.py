import asyncio

__import__("os").system("touch @CANARY@")
