import asyncio


class A:
    def f(self):
        return super().__class__


asyncio.run(A().f())
