# asyncio.Runner: run twice on one loop, get_loop, close; asyncio.run inside a running loop refused.
import asyncio


async def add(a, b):
    await asyncio.sleep(0.01)
    print("adding", a, b)
    return a + b


async def nested():
    coro = add(0, 0)
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print(e)
    await coro
    loop = asyncio.get_running_loop()
    try:
        loop.run_until_complete(asyncio.sleep(0))
    except RuntimeError as e:
        print("error:", e)
    try:
        loop.close()
    except RuntimeError as e:
        print("error:", e)


runner = asyncio.Runner()
print(runner.run(add(1, 2)))
print(runner.run(add(3, 4)))
loop = runner.get_loop()
print(loop.is_closed())
runner.run(nested())
runner.close()
print(loop.is_closed())
try:
    runner.run(add(5, 6))
except RuntimeError as e:
    print(e)
