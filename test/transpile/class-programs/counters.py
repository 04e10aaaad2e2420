import asyncio

class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code

class Counter:
    total = 0

    def __init__(self, name):
        self.name = name
        self.count = 0

    def incr(self, by=1):
        self.count += by
        Counter.total += by
        return self.count

    async def work(self, n):
        for i in range(n):
            await asyncio.sleep(0.1)
            self.incr()
        return self.count

    def __repr__(self):
        return f"Counter({self.name!r}, {self.count})"

class Loud(Counter):
    def incr(self, by=1):
        print("incr", self.name)
        return super().incr(by * 2)

    @property
    def double(self):
        return self.count * 2

    @staticmethod
    def make(name):
        return Loud(name)

    @classmethod
    def named(cls, name):
        return cls(name)

async def main():
    a = Counter("a")
    b = Loud.make("b")
    c = Loud.named("c")
    t1 = asyncio.create_task(a.work(3))
    t2 = asyncio.create_task(b.work(2))
    cb = c.incr
    cb()
    print(await t1, await t2, a, b, c, b.double)
    print(Counter.total, isinstance(b, Counter), isinstance(a, Loud), type(b).__name__)
    print(str(a), [a, b])
    try:
        raise MyError("bad", 42)
    except MyError as e:
        print("caught", e, e.code, repr(e), e.args)
    try:
        a.missing
    except AttributeError as e:
        print(e)
    del a.name
    try:
        print(a.name)
    except AttributeError as e:
        print(e)
    raise MyError("final", 1)

asyncio.run(main())
