# The container and call protocols on user classes: __iter__/__next__, __getitem__,
# __contains__, __len__, __bool__, __call__, __hash__ with __eq__, used by tasks.
import asyncio


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class Playlist:
    def __init__(self, *songs):
        self.songs = list(songs)

    def __getitem__(self, i):
        return self.songs[i]

    def __len__(self):
        return len(self.songs)


class Inventory:
    def __init__(self):
        self.items = {"apple": 3, "pear": 0}

    def __contains__(self, name):
        return self.items.get(name, 0) > 0

    def __iter__(self):
        return iter(sorted(self.items))

    def __bool__(self):
        return any(self.items.values())


class Multiplier:
    def __init__(self, k):
        self.k = k

    async def __call__(self, x):
        await asyncio.sleep(0.01)
        return x * self.k


class Key:
    def __init__(self, name, n):
        self.name = name
        self.n = n

    def __eq__(self, other):
        return isinstance(other, Key) and self.n == other.n

    def __hash__(self):
        return hash(self.n)

    def __repr__(self):
        return f"Key({self.name!r})"


class OnlyEq:
    def __eq__(self, other):
        return True


async def consume(source):
    out = []
    for x in source:
        await asyncio.sleep(0)
        out.append(x)
    return out


async def main():
    print(await consume(Countdown(3)), list(Countdown(2)), sum(Countdown(4)))
    it = Countdown(2)
    print(next(it), next(it), next(it, "done"))
    try:
        next(it)
    except StopIteration:
        print("StopIteration")
    p = Playlist("a", "b", "c")
    print(p[0], p[-1], p[0:2], len(p), list(p), "b" in p, "z" in p, await consume(p))
    a, b, c = p
    print(a, b, c, sorted(p, reverse=True), [s.upper() for s in p])
    inv = Inventory()
    print("apple" in inv, "pear" in inv, "kiwi" not in inv, list(inv), bool(inv), "yes" if inv else "no")
    triple = Multiplier(3)
    print(await triple(5), await asyncio.gather(triple(1), Multiplier(2)(4)))
    print(sorted(map(lambda x: x * 2, Countdown(3))))
    d = {Key("one", 1): "first"}
    d[Key("uno", 1)] = "second"
    print(d, Key("a", 2) in {Key("b", 2)}, hash(Key("x", 7)) == hash(7), len({Key("p", 1), Key("q", 1), Key("r", 2)}))
    try:
        hash(OnlyEq())
    except TypeError as e:
        print(e)
    try:
        {OnlyEq(): 1}
    except TypeError as e:
        print(e)
    try:
        iter(Multiplier(1))
    except TypeError as e:
        print(e)


asyncio.run(main())
