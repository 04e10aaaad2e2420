# Pattern: PyMOTW-3, "Waiting for Multiple Coroutines" with a timeout.
import asyncio


async def phase(i):
    print('in phase {}'.format(i))
    try:
        await asyncio.sleep(0.1 * i)
    except asyncio.CancelledError:
        print('phase {} canceled'.format(i))
        raise
    else:
        print('done with phase {}'.format(i))
        return 'phase {} result'.format(i)


async def main(num_phases):
    print('starting main')
    phases = [
        asyncio.create_task(phase(i))
        for i in range(num_phases)
    ]
    print('waiting 0.15 for phases to complete')
    completed, pending = await asyncio.wait(phases, timeout=0.15)
    print('{} completed and {} pending'.format(
        len(completed), len(pending),
    ))
    if pending:
        print('canceling tasks')
        for t in pending:
            t.cancel()
    print('exiting main')


asyncio.run(main(3))
