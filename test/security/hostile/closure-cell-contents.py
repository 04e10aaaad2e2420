import asyncio


def outer():
    secret = "open('@CANARY@', 'w')"

    def inner():
        return secret
    print(inner.__closure__)


outer()
