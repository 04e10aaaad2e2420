import asyncio


def f():
    global print
    print = exec


f()
print("open('@CANARY@', 'w')")
