"""Starts the oracle worker (`oracle/python/worker.py`) on PyPy or a CPython older than 3.11.

What the worker expects of 3.11 and these lack is supplied, without changing any program's
behaviour; nothing else changes, and the worker runs as `__main__` with this script's arguments:
- `gc.freeze`, `gc.set_threshold` (PyPy): the worker's tuning of the collector between
  programs; no-ops here.
- `loop.create_task(coro, name=..., context=None)`: the `context` parameter is 3.11's; before
  it, every task copied the current context, which is what `context=None` means.
Usage: `pypy3 -I launch_worker.py [worker arguments]` (oracle/oracles.ts).
"""

import gc
import inspect
import os
import runpy
import sys

for _name in ('freeze', 'set_threshold'):
    if not hasattr(gc, _name):
        setattr(gc, _name, lambda *args: None)


def _accept_context_none():
    import asyncio

    create_task = asyncio.BaseEventLoop.create_task
    if 'context' in inspect.signature(create_task).parameters:
        return

    def create_task_without_context(self, coro, *, name=None, context=None):
        if context is not None:
            raise TypeError('create_task(): context= needs Python 3.11')
        return create_task(self, coro, name=name)

    asyncio.BaseEventLoop.create_task = create_task_without_context


_accept_context_none()

WORKER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'python', 'worker.py')

if __name__ == '__main__':
    sys.argv = [WORKER] + sys.argv[1:]
    runpy.run_path(WORKER, run_name='__main__')
