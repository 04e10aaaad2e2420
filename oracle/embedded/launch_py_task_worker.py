"""Starts the oracle worker with the pure-Python Task and Future (`cpython-3.11/py-task`...).

`_asyncio` (the C accelerator) is blocked before asyncio is first imported, so `asyncio.Task`
is `tasks._PyTask`, `asyncio.Future` is `futures._PyFuture`, and everything built on them
(gather's `_GatheringFuture`, `current_task`, `_enter_task`...) is the Python code of the same
interpreter. CPython promises both implementations behave alike; this oracle checks it.
Usage: `python3 -I launch_py_task_worker.py [worker arguments]` (oracle/oracles.ts).
"""

import os
import runpy
import sys

sys.modules['_asyncio'] = None
import asyncio  # noqa: E402

if asyncio.Task.__module__ != 'asyncio.tasks':  # asyncio came in before us: refuse to pretend
    sys.exit('launch_py_task_worker: asyncio was imported with the C Task before _asyncio was blocked')

if __name__ == '__main__':
    runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'launch_worker.py'), run_name='__main__')
