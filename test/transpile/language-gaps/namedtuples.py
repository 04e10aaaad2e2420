# collections.namedtuple (both field spellings, defaults=) and typing.NamedTuple's class
# syntax as task results: construction, attributes, indexing, unpacking, repr, _replace,
# _asdict, _fields, _make, equality with tuples, sorting, hashing.
import asyncio
import collections
import typing
from collections import namedtuple
from typing import NamedTuple

Point = collections.namedtuple('Point', 'x y')
Pair = namedtuple('Pair', ['left', 'right'])
Reading = namedtuple('Reading', 'sensor, value, unit', defaults=['C'])


class Result(NamedTuple):
    name: str
    elapsed: float
    ok: bool = True

    def describe(self):
        return f"{self.name} took {self.elapsed}s" + ("" if self.ok else " (failed)")


class Span(typing.NamedTuple):
    start: int
    end: int


async def measure(name, delay):
    await asyncio.sleep(delay)
    return Result(name, delay, delay < 0.3)


async def main():
    p = Point(1, y=2)
    print(p, p.x, p[1], p[-1], len(p), p == (1, 2), p == Point(1, 2), isinstance(p, tuple))
    x, y = p
    print(x + y, list(p), p[:1], tuple(p), hash(p) == hash((1, 2)), p._fields, Point._fields)
    q = p._replace(y=5)
    print(q, p, q._asdict(), Point._make([7, 8]), type(q).__name__)
    print(Pair("a", "b"), Reading("t1", 21.5), Reading("t2", 70, "F"), Reading._field_defaults)
    results = await asyncio.gather(measure("slow", 0.5), measure("fast", 0.1))
    for r in sorted(results, key=lambda r: r.elapsed):
        print(r, r.describe())
    print(sorted([Span(3, 4), Span(1, 9), Span(1, 2)]), max(results).name, {Span(1, 2): "x"}[(1, 2)])
    print(Result("z", 1.0)._replace(ok=False).describe(), Result._fields, Result("a", 2.0)._asdict())
    for bad in (lambda: p._replace(z=1), lambda: Point(1), lambda: Point(1, 2, 3), lambda: setattr_free(p)):
        try:
            bad()
        except (ValueError, TypeError, AttributeError) as e:
            print(type(e).__name__, e)
    try:
        namedtuple('Bad', 'x _y')
    except ValueError as e:
        print(e)


def setattr_free(p):
    p.x = 3


asyncio.run(main())
