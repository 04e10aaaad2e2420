import asyncio
import collections
from collections import deque, Counter, defaultdict


async def producer(q, n):
    for i in range(n):
        q.append(i)
        await asyncio.sleep(0.01)


async def main():
    q = deque(maxlen=3)
    await producer(q, 5)
    print(q, len(q), q[0], q[-1], 3 in q, list(q))
    q.appendleft(9)
    print(q, q.pop(), q.popleft(), q)
    d = collections.deque([1, 2, 3, 4, 5])
    d.rotate(2)
    print(d)
    d.rotate(-3)
    print(d, d.count(3), d.index(4))
    d.extendleft([7, 8])
    d.extend("ab")
    print(d, bool(deque()), deque() == deque([]), d == [1])
    words = "the cat and the hat and the bat".split()
    c = Counter(words)
    print(c)
    print(c.most_common(2), c["dog"], c["the"])
    c.update(["dog", "dog"])
    c.subtract({"the": 1})
    print(c, c.total(), sorted(c.elements()))
    del c["missing"]
    print(list(c.elements())[:3], c.most_common())
    groups = defaultdict(list)
    for w in words:
        groups[len(w)].append(w)
    print(groups)
    counts = collections.defaultdict(int)
    for ch in "hello":
        counts[ch] += 1
    print(counts, dict(counts), counts.get("z"), "z" in counts)
    seen = defaultdict(set)
    seen["a"].add(1)
    print(seen, isinstance(seen, dict), type(c).__name__, type(q).__name__)
    lam = defaultdict(lambda: "?")
    print(lam["k"], dict(lam))
    try:
        deque().pop()
    except IndexError as e:
        print("IndexError", e)
    try:
        d.remove(99)
    except ValueError as e:
        print("ValueError", e)
    print(Counter(), Counter("aab") == Counter("aba"), Counter({"x": 2, "y": 5}))

asyncio.run(main())
