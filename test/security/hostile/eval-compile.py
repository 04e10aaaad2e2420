import asyncio

x = eval(compile("open('@CANARY@', 'w')", "x", "eval"))
