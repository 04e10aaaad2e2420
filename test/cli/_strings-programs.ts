/**
 * Tutorial-style asyncio programs that use the strings-and-builtins slice (issue 8 item 7):
 * str.format and f-string `=`, str methods, the builtins, list methods and slices, each inside
 * coroutines, tasks and sleeps. strings-builtins.test.ts runs each with `python3` and on the port.
 */
export const STRING_PROGRAMS: Record<string, string> = {
  'format-report.py': `import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return (name, delay)


async def main():
    results = await asyncio.gather(fetch("alpha", 0.3), fetch("beta", 0.1), fetch("gamma", 0.25))
    print("{:<8}|{:>8}|{:^7}".format("name", "delay", "rank"))
    print("{}".format("-" * 25))
    for rank, (name, delay) in enumerate(sorted(results, key=len), start=1):
        print("{0:<8}|{1:>8.3f}|{2:^7d}".format(name, delay, rank))
    total = sum([d for _, d in results])
    print("total {total:.2f}s over {n} tasks ({avg:.1%} each)".format(total=total, n=len(results), avg=total / 3))
    print("{0!r} {0!s} {{literal}} {0!r:>10}".format("q"))
    width = 12
    print("[{:{}}]".format("nested", width), "[{:>{w}.{p}f}]".format(3.14159, w=width, p=2))
    x = 7
    ratio = 2 / 3
    print(f"{x=}", f"{ratio = :.3f}", f"{x * 2 = }", f"{'done'!r:>8}")

asyncio.run(main())
`,
  'text-pipeline.py': `import asyncio

TEXT = """  The quick brown fox
jumps over the lazy dog.
  Never odd or even!  """


async def clean(line, delay):
    await asyncio.sleep(delay)
    return line.strip().lower().replace(".", "").replace("!", "")


async def main():
    lines = TEXT.split("\\n")
    tasks = [asyncio.create_task(clean(line, 0.1 * (3 - i))) for i, line in enumerate(lines)]
    cleaned = []
    for t in tasks:
        cleaned.append(await t)
    for line in cleaned:
        words = line.split()
        print(" ".join(reversed(words)).title(), "|", line.capitalize().center(28, "."))
        print(words[0].upper().ljust(8, "_"), words[-1].rjust(8, "*"), str(len(words)).zfill(3))
        print(line.startswith(("the", "never")), line.endswith("dog"), line.find("o"), line.rfind("o"), line.count("o"))
        print(line.split(" ", 1), line.rsplit(" ", 1), line.split("o", maxsplit=2))
    csv = "a,b,,c"
    print(csv.split(","), csv.rsplit(",", 1), "--".join(csv.split(",")), "x".join("abc"))
    print("  pad  ".lstrip(), "|", "  pad  ".rstrip(), "|", "xxhixx".strip("x"), "Hello World".swapcase())
    print("42".isdigit(), "abc".isalpha(), " \\t".isspace(), "ABC".isupper(), "abc".islower(), "a1".isalpha())
    print("ab" in "cabd", "z" not in "abc", "ab" * 3, "hello"[1], "hello"[-1], "hello"[1:4], "hello"[::-1], "hello"[:2])
    print("abcabc".index("c"), "abcabc".rindex("a"), "abcabc".replace("b", "B", 1), "-5".zfill(4))

asyncio.run(main())
`,
  'builtins-tour.py': `import asyncio


async def measure(n):
    await asyncio.sleep(n / 10)
    return n * n - 10


async def main():
    values = await asyncio.gather(*[measure(n) for n in range(6)])
    print(values, any([v > 10 for v in values]), all([v > -20 for v in values]), any([]), all([]))
    print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2), abs(-3), abs(-2.5), round(2.675, 2), round(7.5), round(1234, -2))
    print(list(reversed(values)), max(values, key=abs), min(values, key=abs), min(3, 1, 2), max("apple", "fig", key=len))
    print(max([], default="empty"), min([], default=None), sorted(values, reverse=True), sorted(["bb", "a", "ccc"], key=len, reverse=True))
    print(sum(values), sum(values, 100), sum([0.1] * 3), sorted(["b", "A", "c"], key=str))
    print(isinstance(3, int), isinstance(True, int), isinstance(2.0, (int, str)), isinstance("s", (list, tuple, str)), isinstance([], list))
    print(hash(42), hash(-1), hash(2 ** 61), hash((1, 2)), hash(1.5), hash(True))
    print(chr(65), chr(955), ord("a"), ord("λ"), int("ff", 16), int("101", 2), int("  42  "), float("inf"), float("-inf"), float(" 1.5 "))
    print(bool(0), bool("x"), str(3.0), list("abc"), tuple(range(3)), list((1, 2)), tuple("hi"), len("héllo"), len(values))
    print(list(enumerate("xyz", 10)), list(zip("ab", [1, 2, 3], (True, False))), list(map(str, values)), list(map(abs, values)))
    print(list(filter(None, [0, 1, "", "a"])), list(map(len, ["a", "bb"])), sorted(map(abs, values)), ", ".join(map(str, range(4))))
    for i, v in enumerate(reversed(values)):
        if i > 1:
            break
        print(i, v)

asyncio.run(main())
`,
  'list-methods.py': `import asyncio


async def producer(queue, items):
    for item in items:
        await asyncio.sleep(0.01)
        queue.append(item)


async def main():
    queue = []
    await asyncio.gather(producer(queue, [5, 3, 9]), producer(queue, [1, 7]))
    print(queue)
    queue.extend([2, 2])
    queue.insert(0, 0)
    queue.insert(-1, 8)
    queue.insert(100, 4)
    queue.remove(2)
    print(queue, queue.index(9), queue.count(2), queue.index(2, 3))
    ordered = queue.copy()
    ordered.sort()
    print(ordered, queue)
    ordered.sort(key=abs, reverse=True)
    ordered.reverse()
    print(ordered, ordered.pop(0), ordered.pop(), ordered.pop(-2))
    print(ordered[1:3], ordered[::2], ordered[-2:], ordered[:-1], ordered[::-1], ordered[5:1:-1], ordered[10:])
    words = ["pear", "fig", "banana", "kiwi"]
    words.sort(key=len)
    print(words, (1, 2, 3, 2).count(2), (1, 2, 3).index(3), (1, 2, 3)[::-1], range(10)[2:8:3])
    ordered.clear()
    print(ordered, len(ordered))

asyncio.run(main())
`,
  'uncaught-index.py': `import asyncio


async def find(text, word):
    await asyncio.sleep(0.1)
    return text.index(word)


async def main():
    print(await find("hello world", "world"))
    print(await find("hello world", "planet"))

asyncio.run(main())
`,
  'uncaught-join.py': `import asyncio


async def main():
    parts = ["a", 1, "b"]
    await asyncio.sleep(0)
    print("-".join(parts))

asyncio.run(main())
`,
  'uncaught-format-key.py': `import asyncio


async def main():
    task = asyncio.create_task(asyncio.sleep(0.1, "x"))
    print("{} {value}".format(await task, other=1))

asyncio.run(main())
`,
  'uncaught-sort-types.py': `import asyncio


async def main():
    await asyncio.sleep(0.05)
    items = [3, "a", 1]
    items.sort()

asyncio.run(main())
`,
};

/** What stays refused, one case per area: each file and its `line:col: message`. */
export const STRING_REFUSALS: Record<string, [string, string]> = {
  'print-map.py': ['import asyncio\n\nasync def main():\n    print(map(str, [1]))\n\nasyncio.run(main())\n', '4:11: unsupported map() here: CPython prints its object by address (consume it at once: list(map(...)), sorted(), sum(), a for loop...)'],
  'format-attribute.py': ['import asyncio\n\nasync def main():\n    print("{0.real}".format(1))\n\nasyncio.run(main())\n', '4:11: unsupported str.format field {0.real} (attribute and index access in fields are outside the subset)'],
  'format-variable.py': ['import asyncio\n\nasync def main():\n    t = "{}"\n    print(t.format(1))\n\nasyncio.run(main())\n', '5:11: unsupported str.format on a template that is not a string literal'],
  'unlisted-method.py': ['import asyncio\n\nasync def main():\n    print("a".encode())\n\nasyncio.run(main())\n', '4:11: unsupported method .encode()'],
  'unlisted-builtin.py': ['import asyncio\n\nasync def main():\n    print(sorted([1], key=len, cmp=1))\n\nasyncio.run(main())\n', '4:32: unsupported keyword argument cmp= of sorted'],
};
