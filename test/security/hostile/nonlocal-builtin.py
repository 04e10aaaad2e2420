import asyncio


def outer():
    def inner():
        nonlocal exec
        return exec("open('@CANARY@', 'w')")
    return inner()


outer()
