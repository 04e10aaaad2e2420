# Source: PEP 530 "Asynchronous Comprehensions" (https://peps.python.org/pep-0530/): its two
# examples, verbatim, inside a `main`; the async generator `aiter`, `funcs` and `condition`
# they use are ours (PEP 530 leaves them to the reader).
import asyncio


async def aiter():
    for i in range(6):
        await asyncio.sleep(0.1)
        yield i


async def fun():
    await asyncio.sleep(0.1)
    return 'fun'


async def condition():
    await asyncio.sleep(0)
    return True


async def main():
    funcs = [fun, fun]
    result = [i async for i in aiter() if i % 2]
    print(result)
    result = [await fun() for fun in funcs if await condition()]
    print(result)


asyncio.run(main())
