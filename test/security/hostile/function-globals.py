import asyncio


def worker():
    return 1

print(worker.__globals__)
