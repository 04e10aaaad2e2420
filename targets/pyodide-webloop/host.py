"""The Python half of the `pyodide-webloop` target (adapter.ts): a fresh WebLoop and `Task-N`
counter for every program, and the `print` a program's globals get, which records each call
as one trace entry (as the CPython oracle's print does: oracle/python/worker.py `_make_print`)
with the name of the task that printed. The WebLoop itself is Pyodide's, untouched: only the
host function it schedules with (`scheduleCallback`) is the adapter's virtual Node loop."""
import asyncio
import builtins
import gc
import itertools

import pyodide.webloop as webloop
from printing import check_encodable  # oracle/python/printing.py, copied in beside this file

_active = False


def install(schedule_callback):
    """WebLoop imported `scheduleCallback` from `pyodide_js._api` when it loaded: point that
    name at the virtual loop's port of it (same signature: callback, delay in ms)."""
    webloop.scheduleCallback = schedule_callback


def begin(record):
    """A fresh WebLoop as the policy's loop and the running loop (what Pyodide sets up at
    start), `Task-N` numbered from 1, and fresh globals whose `print` calls
    `record(text, task_name_or_None)`. Returns the globals for runPythonAsync."""
    global _active
    loop = webloop.WebLoop()
    loop.set_task_factory(_numbering_factory(itertools.count(1)))
    asyncio.get_event_loop_policy().set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    _active = True
    return {'__name__': '__main__', '__builtins__': builtins, 'print': _make_print(record)}


def _numbering_factory(counter):
    """The C Task of 3.14 numbers unnamed tasks from a counter in `_asyncio`'s module state
    that Python cannot reset, so the loop's task factory hands the stock constructor the name
    that counter would give: only unnamed tasks take a number, as in C. The factory builds the
    task `WebLoop.create_task` would (a PyodideTask); `create_task` then counts it in progress
    exactly as without a factory."""

    def factory(loop, coro, name=None, **kwargs):
        if name is None:
            name = 'Task-%d' % next(counter)
        return webloop.PyodideTask(coro, loop=loop, name=name, **kwargs)

    return factory


def end():
    """The program is over: its pending tasks are collected now, while nothing runs (their
    `finally` blocks must not print into the next program), and its prints are dropped."""
    global _active
    _active = False
    gc.collect()


def _make_print(record):
    current_task = asyncio.tasks.current_task
    get_running_loop = asyncio.events._get_running_loop

    def record_text(text):
        loop = get_running_loop()
        task = None if loop is None else current_task(loop)
        record(text, None if task is None else task.get_name())

    def print(*args, sep=None, end=None, file=None, flush=False):
        if not _active:
            return
        pieces = [str(a) for a in args]
        text = (' ' if sep is None else sep).join(pieces) + ('\n' if end is None else end)
        if not text.isascii():
            check_encodable(pieces, ' ' if sep is None else sep, '\n' if end is None else end, record_text)
        record_text(text)

    return print
