# dataclasses.field (default, default_factory, repr=False, compare=False) and the decorator's
# order=/frozen=/eq= options, in job records that tasks process.
import asyncio
import dataclasses
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    cost: float = field(default=0.1)
    tags: list = field(default_factory=list)
    secret: str = field(default="x", repr=False)
    seen: int = field(default=0, compare=False)


@dataclass(order=True)
class Priority:
    rank: int
    label: str = field(compare=False, default="")


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0


@dataclass(eq=False)
class Plain:
    v: int


@dataclass
class Order:
    items: list
    total: float = field(init=False)
    log: list = field(init=False, default_factory=list, repr=False)

    def __post_init__(self):
        self.total = sum(self.items)
        self.log.append("created")


@dataclass
class Counter:
    hits: dict = field(default_factory=dict)


async def run(job):
    await asyncio.sleep(job.cost)
    job.tags.append("done")
    job.seen += 1
    return job


async def main():
    jobs = [Job("a"), Job("b", 0.05), Job("c", 0.2, ["slow"])]
    done = await asyncio.gather(*(run(j) for j in jobs))
    for j in done:
        print(j)
    print(Job("a") == Job("a", seen=5), Job("a") == Job("a", secret="y"), jobs[0].tags is jobs[1].tags)
    print(sorted([Priority(3, "c"), Priority(1, "a"), Priority(2, "b")]))
    print(Priority(1, "x") < Priority(2), Priority(1, "x") <= Priority(1, "y"), Priority(1, "x") == Priority(1, "y"))
    try:
        Priority(1) < Point(1)
    except TypeError as e:
        print("TypeError:", e)
    p = Point(1, 2)
    try:
        p.x = 5
    except dataclasses.FrozenInstanceError as e:
        print(type(e).__name__, e, isinstance(e, AttributeError))
    try:
        del p.y
    except AttributeError as e:
        print(e)
    print(p, hash(p) == hash((1, 2)), {p: "here"}[Point(1, 2)], len({Point(1), Point(1, 0), Point(2)}))
    try:
        hash(Job("a"))
    except TypeError as e:
        print(e)
    print(Plain(1) == Plain(1), Plain(2))
    order = Order([1.5, 2.5])
    print(order, order.log, Order([1]) == Order([1]))
    try:
        Order([1], 3)
    except TypeError as e:
        print(e)
    c1, c2 = Counter(), Counter()
    c1.hits["a"] = 1
    print(c1, c2)
    try:
        Job()
    except TypeError as e:
        print(e)
    try:
        field(default=1, default_factory=list)
    except ValueError as e:
        print(e)


asyncio.run(main())
