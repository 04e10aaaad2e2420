# Pattern: PyMOTW-3, "Scheduling a Callback for a Specific Time" (times printed relative to the start).
import asyncio


def callback(n, loop, start):
    print('callback {} invoked at {:.1f}'.format(n, loop.time() - start))


async def main(loop):
    now = loop.time()
    print('registering callbacks')
    loop.call_at(now + 0.2, callback, 1, loop, now)
    loop.call_at(now + 0.1, callback, 2, loop, now)
    loop.call_soon(callback, 3, loop, now)

    await asyncio.sleep(1)


event_loop = asyncio.get_event_loop()
try:
    print('entering event loop')
    event_loop.run_until_complete(main(event_loop))
finally:
    print('closing event loop')
    event_loop.close()
