import asyncio
import functools


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __str__(self):
        return f"({self.x}, {self.y})"

    def __len__(self):
        return 2


class Empty:
    def __bool__(self):
        return False


class Plain:
    pass


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value


class AppError(ValueError):
    pass


class Fatal(AppError):
    def __str__(self):
        return "fatal!"


class Worker:
    def __init__(self, name):
        self.name = name
        self.log = []

    def on_done(self, value):
        self.log.append(value)
        print(f"{self.name} got {value}")

    async def run(self, delay, callback):
        await asyncio.sleep(delay)
        callback(delay * 10)
        if delay > 2:
            raise Fatal("x")
        return self.name


async def main():
    pts = [Point(3, 1), Point(1, 2), Point(1, 1)]
    print([str(p) for p in sorted(pts)], min(pts), max(pts))
    print(Point(1, 2) == Point(1, 2), Point(1, 2) != Point(2, 2), Point(1, 2) in pts, len(pts[0]))
    print(bool(Empty()), "yes" if Plain() else "no", not Empty())
    t = Temp()
    t.celsius = 25
    print(t.celsius)
    try:
        t.celsius = -300
    except ValueError as e:
        print("error:", e)
    w = Worker("w")
    tasks = [asyncio.create_task(w.run(d, w.on_done)) for d in (2, 1, 3)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(results, w.log)
    for r in results:
        if isinstance(r, AppError):
            print("app error", type(r).__name__, r, repr(r), isinstance(r, ValueError))
    try:
        raise AppError
    except (KeyError, AppError) as e:
        print("tuple", repr(e), e.args)
    f = functools.partial(w.on_done, 99)
    f()
    print(list(map(w.on_done, [5])))
    try:
        Plain(1)
    except TypeError as e:
        print(e)
    p = Plain()
    p.tag = "t"
    p.tag += "!"
    print(p.tag, type(p).__name__)
    print("skip")


asyncio.run(main())
