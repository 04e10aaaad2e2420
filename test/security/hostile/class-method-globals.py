import asyncio


class A:
    def f(self):
        pass


async def main():
    g = A().f.__func__.__globals__
    print(g["__builtins__"])

asyncio.run(main())
