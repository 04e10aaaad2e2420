import asyncio
import itertools
from itertools import count, islice, chain, groupby


async def ticker(name, step):
    for n in itertools.islice(count(10, step), 3):
        await asyncio.sleep(0.01)
        print(name, n)


async def main():
    await asyncio.gather(ticker("a", 5), ticker("b", 0.5))
    print(list(islice(itertools.cycle("ab"), 5)), list(itertools.repeat(7, 3)))
    print(list(chain([1, 2], "xy", range(2))), list(itertools.chain.from_iterable([[1], [2, 3]])), list(chain.from_iterable(["ab", "c"])))
    print(list(itertools.product("ab", range(2))), list(itertools.product([0, 1], repeat=2)))
    print(list(itertools.permutations([1, 2, 3])), list(itertools.permutations("abc", 2)))
    print(list(itertools.combinations(range(4), 2)), list(itertools.combinations("ab", 3)))
    print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([3, 1, 4], max)), list(itertools.accumulate([1, 2], lambda a, b: a * 10 + b, initial=9)))
    for key, group in groupby("aaabccd"):
        print(key, list(group))
    print([(k, len(list(g))) for k, g in groupby([1, 3, 2, 4, 5], key=lambda x: x % 2)])
    print(list(itertools.zip_longest("abc", [1], fillvalue="-")), list(itertools.pairwise("abcd")))
    print(list(islice(range(10), 2, 8, 3)), list(islice("abcdef", None)), type(count()).__name__)
    for i, x in zip(count(1), "xyz"):
        print(i, x)
    try:
        islice([1], -1)
    except ValueError as e:
        print(e)

asyncio.run(main())
