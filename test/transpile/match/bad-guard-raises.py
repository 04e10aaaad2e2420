import asyncio


def check(item):
    match item:
        case [a, b] if a / b > 1:
            return "big"
        case [a, b]:
            return "small"
    return "no match"


async def main():
    print(check([4, 2]), check([1, 2]), check("ab"), check((1, 2, 3)))
    await asyncio.sleep(0)
    print(check([1, 0]))

asyncio.run(main())
