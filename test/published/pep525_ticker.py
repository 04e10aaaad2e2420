# Source: PEP 525 "Asynchronous Generators" (https://peps.python.org/pep-0525/), the `ticker`
# example of its Rationale, verbatim; the `main` that drives it with `async for` is ours.
import asyncio


async def ticker(delay, to):
    """Yield numbers from 0 to *to* every *delay* seconds."""
    for i in range(to):
        yield i
        await asyncio.sleep(delay)


async def main():
    async for i in ticker(0.1, 5):
        print(i)


asyncio.run(main())
