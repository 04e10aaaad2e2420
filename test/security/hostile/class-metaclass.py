import asyncio


class A(metaclass=type):
    pass
