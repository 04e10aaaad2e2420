import asyncio

run = lambda e=exec: e("open('@CANARY@', 'w')")
run()
