# The old loop API: new_event_loop, set_event_loop, run_forever/stop, run_until_complete, call_soon/later/at, close.
import asyncio


def tick(loop, n):
    print("tick", n, loop.is_running())
    if n < 3:
        loop.call_later(0.01, tick, loop, n + 1)
    else:
        loop.stop()


def say(*args):
    print(*args)


def setup():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    return loop


def drive(loop):
    loop.call_soon(tick, loop, 0)
    loop.run_forever()
    print("stopped", loop.is_running())


async def compute(x, y):
    print("Compute %s + %s ..." % (x, y))
    await asyncio.sleep(0.01)
    return x + y


loop = setup()
asyncio.ensure_future(compute(5, 6))
print(asyncio.get_event_loop() is loop, loop.is_closed(), loop)
drive(loop)
h = loop.call_later(0.01, say, "never")
h.cancel()
print(h.cancelled())
loop.call_soon(say, "soon", 1, 2)
start = loop.time()
timer = loop.call_at(start + 0.01, say, "at")
print(timer.when() == start + 0.01)
fut = loop.create_future()
loop.call_soon(lambda: fut.set_result("late"))
print(loop.run_until_complete(fut))
print(loop.run_until_complete(compute(1, 2)))
t = loop.create_task(asyncio.sleep(0.02, "slept"), name="sleeper")
print(t.get_name())
print(loop.run_until_complete(t))
loop.close()
print(loop.is_closed())
try:
    loop.call_soon(say, "closed")
except RuntimeError as e:
    print("error:", e)
