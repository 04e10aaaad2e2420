/** Tutorial-style programs with small real delays, so `python3 prog.py` is quick. */
export const TUTORIAL_PROGRAMS: Record<string, string> = {
  'say_after.py': `import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(0.02, "hello"))
    task2 = asyncio.create_task(say_after(0.04, "world"))
    print("started")
    await task1
    await task2
    print("finished")


asyncio.run(main())
`,
  'gather_squares.py': `import asyncio


async def square(n, delay=0.01):
    await asyncio.sleep(delay * n)
    print(f"square of {n} is {n * n}")
    return n * n


async def main():
    results = await asyncio.gather(*[square(i) for i in range(1, 5)])
    print("results:", results, "sum:", sum(results))
    t = asyncio.create_task(square(2, 0.005))
    await asyncio.sleep(0)
    print(t.done(), t.cancelled())
    v = await t
    print(t.done(), t.result(), v / 3, v // 3)


asyncio.run(main())
`,
  'countdown.py': `import asyncio


async def countdown(name, n):
    while n > 0:
        print(name, n, sep=": ")
        await asyncio.sleep(0.01)
        n -= 1
    print(name, "lift-off", end="!\\n")


async def main():
    a = asyncio.create_task(countdown("A", 3))
    b = asyncio.create_task(countdown("B", 2))
    await a
    await b
    values = [x * 0.1 for x in range(4) if x != 2]
    print(values, len(values), (1, "two"), None, True and 0)


asyncio.run(main())
`,
};

export const TIE_PROGRAM = `import asyncio


async def sleeper(i):
    await asyncio.sleep(0.02)
    print("woke", i)


async def main():
    tasks = [asyncio.create_task(sleeper(i)) for i in range(5)]
    for t in tasks:
        await t


asyncio.run(main())
`;
