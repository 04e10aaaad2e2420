import asyncio

make = lambda f=print: f
make()("open('@CANARY@', 'w')")
