/**
 * The Python half of the MicroPython target, as a string: it is run inside MicroPython
 * (instance.ts), and a string travels with the bundled package where a .py file beside the
 * module would not. Kept as Python source, comments and all, so it reads as the Python it is.
 */
export const DRIVER_PY = String.raw`# The MicroPython side of targets/micropython/adapter.ts: runs one program on MicroPython's own
# asyncio (the WebAssembly port's 'asyncio.core'), with a virtual millisecond clock.
#
# Loaded once per MicroPython instance. '_conformance_run(source, filename, max_pushes, max_ms)' runs
# one program in fresh globals with fresh asyncio state and returns its result as JSON.
#
# What is MicroPython's and what is ours:
# - Scheduling is MicroPython's: each step runs in the shipped 'core._run_iter' (its pairing
#   heap of tasks keyed by ticks_ms, its Task written in C, its gather and cancel).
# - The WebAssembly build has no 'asyncio.run' (its loop re-arms itself with a JS setTimeout).
#   Ours is MicroPython's own 'asyncio.run' of the other ports (extmod 'run_until_complete'):
#   run the loop until the main task is done, then return its value or raise its exception;
#   tasks still pending are neither cancelled nor run any further. Where '_run_iter' would
#   have set a JS timer for the next deadline, we advance the virtual clock instead
#   ('_conformance_host.advance', which moves the 'Date.now' that 'ticks_ms' reads) and call it again.
# - The budget counts task-queue pushes (each 'sleep', each wake-up, each new task is one):
#   the closest thing to CPython's '_run_once' count that MicroPython exposes.
import asyncio
import json
import sys
from asyncio import core
from time import ticks_ms, ticks_diff

import _conformance_host


class _MainDone(BaseException):
    """Raised by the main task's completion callback: ends '_run_iter' where extmod's
    'run_until_complete' returns (right after the main task's last step)."""


class _Halt(BaseException):
    """A budget ran out ('args[0]': 'iterations', 'time' or 'wallclock')."""


class _Deadlock(BaseException):
    """Nothing is queued and the main task is not done: CPython would block forever."""


class _Run:
    def __init__(self, max_pushes, max_ms):
        self.trace = []
        self.pushes = 0
        self.max_pushes = max_pushes
        self.max_ms = max_ms
        self.t0 = ticks_ms()
        self.names = {}
        self.tasks = []  # keeps every task alive, so an id() is never reused for another name


_run = None
_shipped_create_task = core.create_task


def _now_ms():
    return ticks_diff(ticks_ms(), _run.t0)


def _on_push(_dt):
    """The task queue's push callback (the WebAssembly build calls it on every push)."""
    run = _run
    run.pushes += 1
    if run.pushes > run.max_pushes:
        raise _Halt("iterations")
    if run.pushes % 4096 == 0 and _conformance_host.overdue():
        raise _Halt("wallclock")


def _create_task(coro):
    """core.create_task, naming each task 'Task-N' in creation order as CPython does."""
    task = _shipped_create_task(coro)
    run = _run
    run.tasks.append(task)
    run.names[id(task)] = "Task-%d" % len(run.tasks)
    return task


def _print(*args, sep=None, end=None, file=None, flush=False):
    """The program's print: records the line with the virtual time, the task's name and the push count."""
    text = (" " if sep is None else sep).join([str(a) for a in args]) + ("\n" if end is None else end)
    run = _run
    task = core.cur_task
    name = None if task is core._top_level_task else run.names.get(id(task))
    run.trace.append((text, _now_ms(), name, run.pushes))
    if len(run.trace) % 256 == 0 and _conformance_host.overdue():
        raise _Halt("wallclock")


def _main_done(task, er):
    task.state = False
    task.data = er
    raise _MainDone(er)


def _asyncio_run(coro):
    """MicroPython's 'asyncio.run' (extmod: 'run_until_complete(create_task(coro))'), its
    waits replaced by jumps of the virtual clock."""
    main = core.create_task(coro)
    main.state = _main_done
    try:
        while True:
            try:
                core._run_iter()
            except _MainDone as done:
                er = done.args[0]
                if isinstance(er, StopIteration):
                    return er.value
                raise er
            head = core._task_queue.peek()
            if head is None:
                raise _Deadlock()
            dt = ticks_diff(head.ph_key, ticks_ms())
            if _now_ms() + dt > _run.max_ms:
                raise _Halt("time")
            _conformance_host.advance(dt)
    finally:
        core.cur_task = core._top_level_task


def _no_timer(_dt):
    """Where '_run_iter' would arm a JS timer for the next deadline: '_asyncio_run' jumps there."""


def _reset_asyncio():
    core._schedule_run_iter = _no_timer
    core._task_queue = core.TaskQueue(_on_push)  # a fresh queue (what core.new_event_loop makes)
    core.cur_task = core._top_level_task
    core.create_task = _create_task
    asyncio.create_task = _create_task
    asyncio.run = _asyncio_run


def _conformance_run(source, filename, max_pushes, max_ms):
    global _run
    _reset_asyncio()
    _run = _Run(max_pushes, max_ms)
    glb = {"__name__": "__main__", "print": _print}
    outcome = {"kind": "ok"}
    try:
        exec(compile(source, filename, "exec"), glb)
    except _Halt as halt:
        outcome = {"kind": "budget", "limit": halt.args[0]}
    except _Deadlock:
        outcome = {"kind": "deadlock"}
    except BaseException as e:
        outcome = {"kind": "exception", "type": type(e).__name__, "message": str(e)}
    run = _run
    end_ms = _now_ms()
    # Tasks that died of an exception nobody retrieved (CPython would log them when collected).
    died = [{"type": type(t.data).__name__, "message": str(t.data)} for t in run.tasks if t.done() and isinstance(t.data, Exception)]
    _run = None
    glb.clear()
    core._task_queue = core.TaskQueue(_no_timer)  # drop the tasks still queued
    trace = [{"text": t, "time": ms / 1000, "task": n, "iteration": i} for (t, ms, n, i) in run.trace]
    return json.dumps({"trace": trace, "outcome": outcome, "endTime": end_ms / 1000, "iterations": run.pushes, "taskExceptions": died})
`;
