# A module-level def named like a builtin the subset never reads (PEP 530 defines its own
# `aiter`), and a comprehension target that shadows a def inside the comprehension only.
import asyncio


async def aiter(n):
    for i in range(n):
        await asyncio.sleep(0.1)
        yield i


def hex(n):
    return "hex-" + str(n)


async def fun():
    await asyncio.sleep(0.1)
    return 'fun'


async def other():
    return 'other'


async def main():
    print([i async for i in aiter(5) if i % 2])
    print(hex(255), [hex(i) for i in range(2)])
    funcs = [fun, other]
    print([await fun() for fun in funcs])
    print(await fun(), aiter.__name__)


asyncio.run(main())
