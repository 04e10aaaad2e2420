"""The CPython oracle worker: runs programs on stock asyncio with a virtual clock.

Protocol: JSON lines. Each request on stdin ({"id": N, "op": ...}) gets exactly one
response line with the same id on the *original* stdout, in request order. Requests may
be pipelined. Ops: "info", "run", "import" (see oracle/pool.ts for the TypeScript side).

Only the clock is virtual (SEMANTICS.md "Clock models"). `asyncio.run` is the stock one;
an event-loop policy makes `events.new_event_loop()` return a `VirtualLoop`, a plain
`BaseEventLoop` whose selector never waits: `select(timeout)` adds `timeout` to the
virtual clock. Subclassing `BaseEventLoop` (not the selector loop) keeps the number and
order of `time()` reads exactly those of `base_events.py`: no self-pipe, no extra reads.

Stdlib only.
"""

import sys

# No `__pycache__` written into the checkout (importer.py is imported from beside us): the
# oracle's processes cache bytecode under PYTHONPYCACHEPREFIX (oracle/pool.ts oracleEnv), and
# anyone else importing this file caches none.
if getattr(sys, 'pycache_prefix', None) is None:
    sys.dont_write_bytecode = True

import asyncio
import asyncio.events
import asyncio.runners
import asyncio.tasks
import _signal
import builtins
import gc
import itertools
import json
import logging
import os
import re
import signal
import types
import warnings
import weakref

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:  # `python3 -I worker.py` leaves the script's directory out
    sys.path.insert(0, _HERE)

import importer  # noqa: E402  (the allow-list the `run` op re-checks every source with)
from printing import check_encodable  # noqa: E402


# --------------------------------------------------------------------- the protocol channel
_RESPONSE_FD = None
_REQUEST_FILE = None


def _install_channel():
    """Responses go to a duplicate of the real stdout; fd 1 and sys.stdout then point at
    stderr, so nothing a program writes (or C code prints) can corrupt the channel. Requests
    come from a duplicate of stdin; fd 0 becomes /dev/null so a program cannot eat requests.
    Only the worker process does this (main, run_file), never a mere import."""
    global _RESPONSE_FD, _REQUEST_FILE
    _RESPONSE_FD = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _REQUEST_FILE = os.fdopen(os.dup(0), 'rb')
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(os.devnull)


# ------------------------------------------------------------------------- run termination
class _Halt(SystemExit):
    """Ends a run early. A SystemExit, because asyncio lets exactly SystemExit and
    KeyboardInterrupt escape `Handle._run` and `Task.__step`; any other BaseException
    raised inside a callback would be swallowed (logged) or stored in a task."""

    outcome = None


class _Deadlock(_Halt):
    outcome = {'kind': 'deadlock'}


class _IterationBudget(_Halt):
    outcome = {'kind': 'budget', 'limit': 'iterations'}


class _TimeBudget(_Halt):
    outcome = {'kind': 'budget', 'limit': 'time'}


class _Wallclock(_Halt):
    outcome = {'kind': 'budget', 'limit': 'wallclock'}


class _RunState:
    """Everything one program run owns. Clock and iteration count are per program and
    carry over from one loop to the next if a program calls `asyncio.run` twice."""

    __slots__ = ('trace', 'now', 'iterations', 'max_iterations', 'max_time', 'loops',
                 'halted', 'active', 'clock_reads', 'loop_class', 'next_task_number', 'quantum')

    def __init__(self, loop_class, max_iterations, max_time, quantum=1e-6):
        self.trace = []
        self.now = 0.0
        self.iterations = 0
        self.max_iterations = max_iterations
        self.max_time = max_time
        self.loops = []
        self.halted = None  # the _Halt class once the run is being stopped
        self.active = True  # False once the run is over: late prints are dropped
        self.clock_reads = 0
        self.loop_class = loop_class
        self.next_task_number = itertools.count(1).__next__
        self.quantum = quantum  # what one clock read costs under the realistic model


class _FakeSelector:
    """Never waits: `select(timeout)` moves the virtual clock by `timeout` instead.

    `BaseEventLoop._run_once` calls `select` exactly once, before it runs any handle, so
    this is also where iterations are counted and budgets enforced. Doing it here rather
    than in an overridden `_run_once` keeps the stack exactly as deep as in a real run
    (RecursionError depth matches `python3 prog.py`) and saves a call per iteration.
    """

    __slots__ = ('_loop',)

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        loop = self._loop
        run = loop._run
        if run.halted is not None:
            # Runner.close() drives the loop again after a halt; keep it stopped.
            raise run.halted()
        if loop._iterations >= run.max_iterations:
            loop._halt(_IterationBudget)
        if loop._virtual_now > run.max_time:
            loop._halt(_TimeBudget)
        loop._iterations += 1
        if timeout is None:
            # Nothing ready, no timer: CPython would block forever.
            loop._halt(_Deadlock)
        # Added even when timeout == 0, as the brief's clock model says.
        loop._virtual_now += timeout
        return ()

    def close(self):
        pass


class VirtualLoop(asyncio.BaseEventLoop):
    """Stock `BaseEventLoop` with a virtual clock (the `ideal` model): `time()` only moves
    in `select`."""

    def __init__(self, run):
        self._quantum = run.quantum
        super().__init__()
        self._run = run
        self._virtual_now = run.now
        self._iterations = run.iterations
        self._selector = _FakeSelector(self)
        self._clock_resolution = 1e-9
        run.loops.append(self)

    def __repr__(self):
        # What a program printing its loop shows under `python3 FILE` on Linux: BaseEventLoop's
        # repr with the default loop's class name, not ours (port/base_events.ts says the same).
        return '<_UnixSelectorEventLoop running=%s closed=%s debug=%s>' % (
            self.is_running(), self.is_closed(), self.get_debug())

    def create_task(self, coro, *, name=None, context=None):
        # Fresh `Task-N` names per program. The C Task of 3.11 numbers unnamed tasks from a
        # C static counter (`task_name_counter` in _asynciomodule.c) that Python cannot
        # reset, so the loop hands the stock constructor the name the C counter would have
        # produced: only unnamed tasks take a number, as in C (`asyncio.create_task(c,
        # name=...)` of 3.11 creates the task unnamed, then renames it: it takes one too).
        if name is None:
            name = 'Task-%d' % self._run.next_task_number()
        return super().create_task(coro, name=name, context=context)

    def time(self):
        return self._virtual_now

    def _halt(self, halt_class):
        self._run.halted = halt_class
        raise halt_class()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def close(self):
        super().close()
        self._save()

    def _save(self):
        run = self._run
        run.now = self._virtual_now
        run.iterations = self._iterations


class RealisticVirtualLoop(VirtualLoop):
    """The `realistic` model: every clock read costs one quantum, as time passes on a real
    machine. The port copies this exact float arithmetic: increment first, then return."""

    def time(self):
        self._virtual_now += self._quantum
        return self._virtual_now


class _CountingMixin:
    """Counts `time()` reads (tests use it to check we read the clock as base_events does)."""

    def time(self):
        self._run.clock_reads += 1
        return super().time()


class CountingVirtualLoop(_CountingMixin, VirtualLoop):
    pass


class CountingRealisticVirtualLoop(_CountingMixin, RealisticVirtualLoop):
    pass


_LOOP_CLASSES = {
    ('ideal', False): VirtualLoop,
    ('realistic', False): RealisticVirtualLoop,
    ('ideal', True): CountingVirtualLoop,
    ('realistic', True): CountingRealisticVirtualLoop,
}

_current_run = None


class _VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    """`asyncio.run` -> `Runner` -> `events.new_event_loop()` lands here."""

    def new_event_loop(self):
        run = _current_run
        if run is None or not run.active:
            raise RuntimeError('oracle: no program is running')
        if _recorder is not None:  # a run with events (the event recorder section)
            _recorder.run = run
            return _recording_loop_class(run.loop_class)(run)
        return run.loop_class(run)


_POLICY = _VirtualPolicy()


# ------------------------------------------------------------------------------- printing
_get_running_loop = asyncio.events._get_running_loop
_current_task = asyncio.tasks.current_task


def _make_print(run):
    trace = run.trace

    def record(text):
        loop = _get_running_loop()
        if loop is None:
            trace.append({'text': text, 'time': 0.0, 'task': None, 'iteration': 0})
        else:
            task = _current_task(loop)
            trace.append({
                'text': text,
                # read raw: reading the clock for the trace must not advance it
                'time': loop._virtual_now,
                'task': None if task is None else task.get_name(),
                'iteration': loop._iterations,
            })

    def print(*args, sep=None, end=None, file=None, flush=False, **unknown):
        # bltinmodule.c builtin_print's checks, in its order and words.
        for name in unknown:
            raise TypeError("'%s' is an invalid keyword argument for print()" % name)
        if file is not None:  # the builtin's own writes to the program's file object
            return _builtin_print(*args, sep=sep, end=end, file=file, flush=flush)
        for name, value in (('sep', sep), ('end', end)):
            if value is not None and not isinstance(value, str):
                raise TypeError('%s must be None or a string, not %.200s' % (name, type(value).__name__))
        if not run.active:
            return  # a finaliser of a finished program: not part of any trace
        pieces = [str(a) for a in args]
        text = (' ' if sep is None else sep).join(pieces) + ('\n' if end is None else end)
        if not text.isascii():
            check_encodable(pieces, ' ' if sep is None else sep, '\n' if end is None else end, record)
        record(text)

    return print


_builtin_print = print


def _print_builtin(record_print):
    """`print` as the program sees it: CPython's builtin to a program that uses it as a value
    (`loop.call_soon(print, 'x')`, `fut.add_done_callback(print)`): its repr, its type's name, and
    the `__name__`/`__qualname__` without `__code__` that asyncio's Handle and Future reprs show
    (`<Handle print('x')>`, no source location). A call runs the run's recording print as the
    type's static `__call__`: no frame of its own, but the call through a type's `__call__`
    counts one level of recursion more than the builtin's (so only programs that need the
    look-alike get it: _prints_as_value)."""
    kind = type('builtin_function_or_method', (), {
        '__call__': staticmethod(record_print),
        '__repr__': lambda self: '<built-in function print>',
    })
    value = kind()
    value.__dict__.update(__name__='print', __qualname__='print', __module__='builtins')
    return value


# ------------------------------------------------------------------------------- wallclock
_alarm_armed = False


def _on_alarm(signum, frame):
    if _alarm_armed:
        run = _current_run
        if run is not None:
            run.halted = _Wallclock
        raise _Wallclock()


_installed = False


def install():
    """Makes this interpreter an oracle: the virtual-clock policy, quiet warnings, the
    SIGALRM wall clock. Idempotent; run_program calls it, so importing this module (a test,
    an embedded oracle) changes nothing until a program runs."""
    global _installed
    if _installed:
        return
    _installed = True
    # "coroutine ... was never awaited", "Task was destroyed but it is pending" and friends
    # are stderr noise in a real run, never part of the trace: silence them.
    warnings.simplefilter('ignore')
    logging.getLogger('asyncio').disabled = True
    asyncio.set_event_loop_policy(_POLICY)
    # `Runner.run` installs and removes a SIGINT handler around every run through the
    # `signal` module, whose wrappers convert every handler to an enum (a third of a short
    # program's cost). Hand runners.py the C functions instead: same calls, same handlers.
    asyncio.runners.signal = types.SimpleNamespace(
        SIGINT=_signal.SIGINT, default_int_handler=_signal.default_int_handler,
        getsignal=_signal.getsignal, signal=_signal.signal)
    if hasattr(signal, 'setitimer'):
        signal.signal(signal.SIGALRM, _on_alarm)


# ------------------------------------------------------------ time and random (issue 8 item 8)
# A program's `import time` gets a module whose clock is the run's virtual clock; its
# `import random` gets a module over one generator that every run starts seeded the same way.
# Both are handed out by the `__import__` of the program's builtins; asyncio itself keeps the
# real modules. The port does the same in runtime/time.ts and runtime/random.ts.
import math as _math  # noqa: E402
import random as _random  # noqa: E402
import time as _time  # noqa: E402

VIRTUAL_EPOCH = 1700000000.0  # ir/program.ts VIRTUAL_EPOCH: time.time() is this + the virtual clock
RANDOM_RUN_SEED = 0  # ir/program.ts RANDOM_RUN_SEED: `random` at the start of every run
_INT64 = 2 ** 63


def _clock_advance(seconds, is_read):
    """Moves the run's virtual clock (the running loop's, else the one between loops) by
    `seconds`, or by one quantum for a read under the realistic model; returns it."""
    run = _current_run
    if run is None:
        return 0.0
    if is_read:
        if not issubclass(run.loop_class, RealisticVirtualLoop):
            seconds = None
        else:
            seconds = run.quantum
    loop = _get_running_loop()
    if loop is not None and getattr(loop, '_run', None) is run:
        if seconds is not None:
            loop._virtual_now += seconds
        return loop._virtual_now
    if seconds is not None:
        run.now += seconds
        if run.loops:
            run.loops[-1]._virtual_now = run.now
    return run.now


def _no_arguments(name, args, kwargs):
    if kwargs:
        raise TypeError('time.%s() takes no keyword arguments' % name)
    if args:
        raise TypeError('time.%s() takes no arguments (%d given)' % (name, len(args)))


def _virtual_time(*args, **kwargs):
    _no_arguments('time', args, kwargs)
    return VIRTUAL_EPOCH + _clock_advance(0.0, True)


def _virtual_monotonic(*args, **kwargs):
    _no_arguments('monotonic', args, kwargs)
    return _clock_advance(0.0, True)


def _virtual_perf_counter(*args, **kwargs):
    _no_arguments('perf_counter', args, kwargs)
    return _clock_advance(0.0, True)


def _virtual_sleep(*args, **kwargs):
    """time.sleep: blocks the loop (nothing else runs) while the virtual clock moves on.
    Checks its argument as pytime.c does (_PyTime_FromSecondsObject, ROUND_TIMEOUT)."""
    if kwargs:
        raise TypeError('time.sleep() takes no keyword arguments')
    if len(args) != 1:
        raise TypeError('time.sleep() takes exactly one argument (%d given)' % len(args))
    secs = args[0]
    if isinstance(secs, float):
        if secs != secs:
            raise ValueError('Invalid value NaN (not a number)')
        ns = secs * 1e9
        if ns == ns and abs(ns) != float('inf'):
            ns = float(_math.ceil(ns)) if ns >= 0 else float(_math.floor(ns))
        if not (-float(_INT64) <= ns < float(_INT64)):
            raise OverflowError('timestamp out of range for platform time_t')
    elif isinstance(secs, int):
        if not (-_INT64 <= secs * 10 ** 9 < _INT64):
            raise OverflowError('timestamp too large to convert to C _PyTime_t')
    else:
        _time.sleep(secs)  # raises CPython's TypeError without sleeping (not a number)
        return None
    if secs < 0:
        raise ValueError('sleep length must be non-negative')
    _clock_advance(secs, False)
    return None


def _make_time_module():
    module = types.ModuleType('time')
    for name, fn in (('time', _virtual_time), ('monotonic', _virtual_monotonic),
                     ('perf_counter', _virtual_perf_counter), ('sleep', _virtual_sleep)):
        fn.__name__ = fn.__qualname__ = name
        setattr(module, name, fn)
    return module


_program_random = _random.Random(RANDOM_RUN_SEED)
# What `seed(RANDOM_RUN_SEED)` makes, restored at the start of every run: the generator's whole
# state and the cached gauss value (None), as seeding leaves them, for half the cost of seeding.
_RANDOM_RUN_STATE = _program_random.getstate()


def _seed(a=None, version=2):
    """random.seed; `None` (seed from the OS, which no run could reproduce) is the run's seed."""
    _program_random.seed(RANDOM_RUN_SEED if a is None else a, version)


def _make_random_module():
    module = types.ModuleType('random')
    for name in ('random', 'randint', 'randrange', 'uniform', 'choice', 'shuffle', 'sample',
                 'getrandbits', 'gauss'):
        setattr(module, name, getattr(_program_random, name))
    module.seed = _seed
    return module


def _make_datetime_module():
    """`datetime` whose `datetime.now()` is naive UTC at VIRTUAL_EPOCH plus one clock read (what
    `time.time()` reads), as runtime/datetime.ts computes it; the rest is the real module's."""
    import datetime as real

    class datetime(real.datetime):
        def __new__(cls, *args, **kwargs):
            return real.datetime(*args, **kwargs)  # the real class's instances (their repr names it)

        @classmethod
        def now(cls, tz=None):
            if tz is not None:
                raise TypeError('the subset reads naive datetime.now() only')
            stamp = VIRTUAL_EPOCH + _clock_advance(0.0, True)
            return real.datetime.fromtimestamp(stamp, real.timezone.utc).replace(tzinfo=None)

    datetime.__module__ = 'datetime'
    module = types.ModuleType('datetime')
    module.datetime = datetime
    module.timedelta = real.timedelta
    return module


_PROGRAM_MODULES = {'time': _make_time_module(), 'random': _make_random_module(), 'datetime': _make_datetime_module()}
_real_import = builtins.__import__


def _program_import(name, globals=None, locals=None, fromlist=(), level=0):
    module = _PROGRAM_MODULES.get(name) if level == 0 else None
    if module is not None:
        return module
    return _real_import(name, globals, locals, fromlist, level)


# The builtins a program runs with: Python's own, but `import time`/`import random` give the
# modules above.
_PROGRAM_BUILTINS = dict(builtins.__dict__, __import__=_program_import)


# --------------------------------------------------------------------------------- running
_code_cache = {}
_CODE_CACHE_MAX = 256


def _compile(source, filename):
    """The code of `source`, after the gate (importer.check_source) passed it; cached. The
    gate and the compiler share one parse: the tree is checked, then compiled."""
    key = (source, filename)
    code = _code_cache.get(key)
    if code is None:
        if _check_sources:
            tree = importer.ast.parse(source, filename=filename)
            error = importer.check_source(source, filename, tree)
            if error is not None:
                raise Refused(error)
            code = compile(tree, filename, 'exec', dont_inherit=True)
        else:
            code = compile(source, filename, 'exec', dont_inherit=True)
        if len(_code_cache) >= _CODE_CACHE_MAX:
            _code_cache.clear()
        _code_cache[key] = code
    return code


_PRINT_NOT_CALLED = re.compile(r'\bprint\b(?!\()')
_print_values = {}


def _prints_as_value(source):
    """Whether the program uses `print` other than by calling it (`call_soon(print, 'x')`). Only
    then does it get _print_builtin's look-alike, whose calls cost one more level of recursion
    than the builtin's (a call through a type's `__call__`); the recording function costs the
    same. Printed sources write a call `print(`: the text rules most programs out."""
    # Counting first: where every `print` is followed by `(`, the pattern cannot match (and
    # the regex, whose leading `\b` is tried at every position, costs 20 times more).
    if source.count('print') == source.count('print(') or not _PRINT_NOT_CALLED.search(source):
        return False
    found = _print_values.get(source)
    if found is None:
        tree = importer.ast.parse(source)
        called = {id(node.func) for node in importer.ast.walk(tree) if isinstance(node, importer.ast.Call)}
        found = any(isinstance(node, importer.ast.Name) and node.id == 'print' and id(node) not in called
                    for node in importer.ast.walk(tree))
        if len(_print_values) >= _CODE_CACHE_MAX:
            _print_values.clear()
        _print_values[source] = found
    return found


def _syntax_error(e):
    return {'kind': 'syntax', 'message': e.msg if isinstance(e, SyntaxError) else str(e),
            'line': (getattr(e, 'lineno', None) or 0), 'col': (getattr(e, 'offset', None) or 0)}


# The WeakSet every Task registers itself in (C and Python Task alike): `_all_tasks` up to 3.11,
# `_scheduled_tasks` in 3.12-3.13; 3.14 keeps its tasks in C lists (nothing to clear).
_TASK_REGISTRIES = [registry for registry in (getattr(asyncio.tasks, name, None) for name in ('_all_tasks', '_scheduled_tasks'))
                    if isinstance(registry, weakref.WeakSet)]


def _reset_asyncio_state():
    """No running loop, no event loop set, fresh `Task-N` counter (tasks.py: a module-level
    `itertools.count(1).__next__`; the C Task reads it from the module too), and no task of an
    earlier program in the task registry.

    Why emptying the registry changes nothing a program can see: `all_tasks(loop)` (which
    `asyncio.run`'s `_cancel_all_tasks` and the program call) keeps only the tasks whose loop
    `is` the given one, and a task of an earlier program belongs to a loop of that program:
    closed, never the loop of a later program (an object alive through its task's reference
    cannot share its id with a new one). So an earlier task is never in any later result; the
    registry only holds it until the GC frees it. Under `python3 FILE.py` the registry holds
    the program's own tasks only; in the worker, with the GC tuned to run rarely (main), it
    held hundreds of dead programs' tasks, and scanning them was 40% of a run's cost."""
    for registry in _TASK_REGISTRIES:
        registry.clear()
    asyncio.events._set_running_loop(None)
    asyncio.tasks._task_name_counter = itertools.count(1).__next__
    # A program may have replaced the policy; ours comes back for the next one.
    asyncio.events._event_loop_policy = _POLICY
    _POLICY._local._loop = None
    _POLICY._local._set_called = False


class Refused(Exception):
    """The source is outside the subset (importer.py's allow-list): it is never run."""

    def __init__(self, error):
        super().__init__(error['message'])
        self.error = error


# False only in a worker started with `--unchecked` (a test hook of the pool: programs that
# must crash or wedge their worker). Everything the CLI runs is checked.
_check_sources = True

# How long clean-up after a run may take (closing loops, collecting the tasks of a halted
# run) before the worker gives up on its state: it answers, then exits, and the pool starts
# a fresh one in its place.
CLEANUP_MS = 2000
_exit_after_answer = False


def run_program(source, filename='prog.py', clock='realistic', budget=None, wallclock_ms=5000,
                count_clock_reads=False, quantum=1e-6):
    """Run `source` as `__main__`; return (RunResult dict, stats dict). Raises Refused for
    a source outside the subset (the worker's gate), SyntaxError if it does not parse."""
    global _current_run, _alarm_armed
    install()
    code = _compile(source, filename)  # raises Refused outside the subset (the gate)
    budget = budget or {}
    loop_class = _LOOP_CLASSES[(clock, bool(count_clock_reads))]
    run = _RunState(loop_class, budget.get('maxIterations', 100000), budget.get('maxTime', 100000), quantum)
    record_print = _make_print(run)
    glb = {'__name__': '__main__', '__builtins__': _PROGRAM_BUILTINS,
           'print': _print_builtin(record_print) if _prints_as_value(source) else record_print}
    _reset_asyncio_state()
    _program_random.setstate(_RANDOM_RUN_STATE)
    _current_run = run
    outcome = {'kind': 'ok'}
    try:
        try:
            if wallclock_ms:
                _alarm_armed = True
                signal.setitimer(signal.ITIMER_REAL, wallclock_ms / 1000.0)
            exec(code, glb)
        finally:
            _alarm_armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
        if run.halted is not None:  # the program swallowed our halt (a bare `except:`)
            outcome = run.halted.outcome
    except _Halt:
        outcome = run.halted.outcome if run.halted is not None else _Wallclock.outcome
    except BaseException as e:  # what escaped the module: SystemExit, RecursionError, MemoryError...
        if run.halted is not None:  # a halt re-raised as something else (e.g. chained)
            outcome = run.halted.outcome
        else:
            outcome = {'kind': 'exception', 'type': type(e).__name__, 'message': _safe_str(e)}
    finally:
        run.active = False
        _current_run = None
        _bounded_cleanup(run)
        glb.clear()
    result = {'trace': run.trace, 'outcome': outcome, 'endTime': run.now, 'iterations': run.iterations}
    return result, {'clockReads': run.clock_reads}


def _bounded_cleanup(run):
    """_cleanup under the wall clock: SIGALRM stays armed (and repeats, in case a finaliser
    swallows one) through it. When it runs out, the worker's state cannot be trusted: the
    answer still goes out, then the worker exits (see main)."""
    global _alarm_armed, _exit_after_answer
    seconds = CLEANUP_MS / 1000.0
    try:
        try:
            _alarm_armed = True
            signal.setitimer(signal.ITIMER_REAL, seconds, seconds)
            _cleanup(run)
        finally:
            _alarm_armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Halt:
        _exit_after_answer = True


def _safe_str(e):
    try:
        return str(e)
    except BaseException:
        return '<unprintable %s>' % type(e).__name__


def _cleanup(run):
    """Leave nothing behind: every loop of the run closed, no running loop, SIGINT as it was."""
    for loop in run.loops:
        try:
            if not loop.is_closed():
                loop._stopping = False
                loop._thread_id = None
                loop.close()
            else:
                loop._save()
        except BaseException:
            pass
    # Tasks left pending (a halted run) sit in reference cycles; collected later, their
    # coroutines' `finally` blocks would run in the middle of the next program, on its
    # loop. Collect them now, while nothing is running (their prints are dropped).
    if any(asyncio.all_tasks(loop) for loop in run.loops):
        gc.collect()
    if run.loops:
        # the clock/iterations of the last loop are what the run ended with
        last = run.loops[-1]
        run.now = last._virtual_now
        run.iterations = last._iterations
    _reset_asyncio_state()
    sys.set_asyncgen_hooks(None, None)
    if _signal.getsignal(_signal.SIGINT) is not _signal.default_int_handler:
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)


# ------------------------------------------------------------ the event recorder (explain)
# Enabled only by a run request with `"events": true` (the `explain` command). A normal run
# never touches this section: the policy asks `_recorder` once per new loop, nothing more.
# With it on, the loop is a subclass of the run's loop class whose `_call_soon`/`call_at`
# make recording handles (same code as base_events.py, another Handle class), a profile
# function notes every `Task.cancel()` and who called it, and "never awaited" warnings
# are caught. Costs of the recording itself: one more frame per handle run (RecursionError
# comes a frame earlier) and a slower run; the order of handles and clock reads is stock.
import asyncio.base_events  # noqa: E402
import asyncio.futures  # noqa: E402
import heapq as _heapq  # noqa: E402

_recorder = None
_RUN_ONCE_CODE = asyncio.base_events.BaseEventLoop._run_once.__code__
_TASK_TYPES = tuple(t for t in (asyncio.Task, getattr(asyncio.tasks, '_PyTask', None)) if t is not None)
_FUTURE_TYPES = tuple(t for t in (asyncio.Future, getattr(asyncio.futures, '_PyFuture', None)) if t is not None)


class _EventRecorder:
    """The loop's own events of one run, in the order they happened."""

    def __init__(self, filename):
        self.filename = filename
        self.events = []
        self.next_handle = itertools.count(1).__next__
        self.current = None  # the recording handle being run
        self.iteration = None
        self.ran_this_iteration = []
        self.started = set()  # id() of tasks whose first step ran
        self.tasks = {}  # id(task) -> task (names are read at the end: create_task(name=) renames)
        self.run = None

    # -- helpers
    def user_line(self, frame, loop=None):
        """The line of the innermost frame of the program's own file, or None. With the loop
        running but no task (a callback), the program's frames below are `asyncio.run`'s
        line: no line of the callback's own, so None."""
        if loop is not None and loop.is_running() and _current_task(loop) is None:
            return None
        filename = self.filename
        while frame is not None:
            code = frame.f_code
            if code.co_filename == filename:
                return frame.f_lineno
            if code is _RUN_ONCE_CODE:
                return None  # below here: the loop, and `asyncio.run` line that started it
            frame = frame.f_back
        return None

    def suspended_line(self, coro):
        """Where a suspended coroutine chain stands in the program's file (innermost)."""
        line = None
        seen = 0
        while coro is not None and seen < 100:
            seen += 1
            frame = getattr(coro, 'cr_frame', None) or getattr(coro, 'gi_frame', None)
            if frame is not None and frame.f_code.co_filename == self.filename:
                line = frame.f_lineno
            coro = getattr(coro, 'cr_await', None) or getattr(coro, 'gi_yieldfrom', None)
        return line

    def task_ref(self, task):
        if task is None:
            return None
        self.tasks[id(task)] = task
        return ['task', id(task)]

    def where(self, loop):
        return loop._iterations, loop._virtual_now

    def scheduled_by(self, loop):
        """Who is scheduling a handle right now: the handle running, its task, the line."""
        current = self.current
        task = _current_task(loop) if loop.is_running() else None
        return {
            'handle': None if current is None else current._ev_id,
            'task': self.task_ref(task),
            'iteration': loop._iterations,
            'time': loop._virtual_now,
            'line': self.user_line(sys._getframe(3), loop),
        }

    # -- events
    def task_created(self, loop, task):
        iteration, now = self.where(loop)
        coro = task.get_coro()
        self.events.append({
            'kind': 'create', 'iteration': iteration, 'time': now, 'task': self.task_ref(task),
            'coro': getattr(coro, '__qualname__', None),
            'by': self.task_ref(_current_task(loop) if loop.is_running() else None),
            'line': self.user_line(sys._getframe(2), loop),
        })

    def cancel_called(self, task, frame):
        if task.done():
            return
        loop = task.get_loop()
        shutdown = False
        f = frame
        while f is not None:
            if f.f_code.co_name == '_cancel_all_tasks':
                shutdown = True
                break
            f = f.f_back
        running = loop.is_running()
        self.events.append({
            'kind': 'cancel', 'iteration': loop._iterations, 'time': loop._virtual_now,
            'task': self.task_ref(task), 'by': self.task_ref(_current_task(loop) if running else None),
            'line': None if shutdown else self.user_line(frame, loop), 'shutdown': shutdown,
        })
        # Task.cancel() cancels the task it awaits (`_fut_waiter`) from C, where the profile
        # function does not see it: recorded here, as the call it makes next.
        waiter = getattr(task, '_fut_waiter', None)
        if isinstance(waiter, _TASK_TYPES):
            self.cancel_called(waiter, frame)

    def handle_run(self, handle, loop):
        """Called by a recording handle before it runs: what it is, and why it runs now."""
        iteration = loop._iterations
        if iteration != self.iteration:
            self.iteration = iteration
            self.ran_this_iteration = []
        cb = handle._callback
        owner = getattr(cb, '__self__', None)
        task = None
        if isinstance(owner, _TASK_TYPES):
            task = owner
            name = getattr(cb, '__name__', None)
            if name in ('task_wakeup', '__wakeup', '_Task__wakeup'):
                kind = 'wakeup'
            elif id(task) in self.started:
                kind = 'step'
            else:
                kind = 'first-step'
                self.started.add(id(task))
        elif isinstance(handle, asyncio.TimerHandle):
            kind = 'timer'
        else:
            kind = 'callback'
        event = {
            'kind': 'run', 'iteration': iteration, 'time': loop._virtual_now, 'handle': handle._ev_id,
            'type': kind, 'task': self.task_ref(task), 'callback': _callback_name(cb),
            'scheduledBy': handle._ev_by, 'ahead': list(self.ran_this_iteration),
            'prints': [len(self.run.trace), len(self.run.trace)],
        }
        if kind == 'timer':
            event['when'] = handle._when
        if kind == 'wakeup' and handle._args and isinstance(handle._args[0], _TASK_TYPES):
            event['wokenBy'] = self.task_ref(handle._args[0])
        self.ran_this_iteration.append(handle._ev_id)
        self.events.append(event)
        return event

    def handle_done(self, event, task):
        event['prints'][1] = len(self.run.trace)
        if task is not None:
            if task.done():
                event['taskDone'] = True
                if task.cancelled():
                    event['taskCancelled'] = True
            else:
                event['suspendedAt'] = self.suspended_line(task.get_coro())
                waiter = getattr(task, '_fut_waiter', None)
                if isinstance(waiter, _TASK_TYPES):
                    event['waitingFor'] = self.task_ref(waiter)

    def profile(self, frame, what, arg):
        if what == 'call' and frame.f_code is _PRINT_CODE:
            loop = _get_running_loop()
            self.events.append({
                'kind': 'print', 'line': self.user_line(frame.f_back),
                'task': self.task_ref(None if loop is None else _current_task(loop)),
            })
        elif what == 'c_call':
            if getattr(arg, '__name__', None) == 'cancel' and isinstance(getattr(arg, '__self__', None), _TASK_TYPES):
                self.cancel_called(arg.__self__, frame)
        elif what == 'call' and frame.f_code.co_name == 'cancel':
            owner = frame.f_locals.get('self')
            caller = frame.f_back
            propagated = (caller is not None and caller.f_code.co_name == 'cancel'
                          and isinstance(caller.f_locals.get('self'), _TASK_TYPES))
            if isinstance(owner, _TASK_TYPES) and not propagated:  # propagated: told by cancel_called
                self.cancel_called(owner, caller)

    def finish(self, caught):
        for w in caught:
            text = str(w.message)
            match = re.match(r"coroutine '([^']*)' was never awaited", text)
            if match is None:
                continue
            lines = [int(n) for f, n in re.findall(r'File "([^"]*)", line (\d+)', text) if f == self.filename]
            self.events.append({'kind': 'never-awaited', 'coro': match.group(1), 'line': lines[-1] if lines else None})
        names = {key: task.get_name() for key, task in self.tasks.items()}

        def resolve(value):
            if isinstance(value, list) and len(value) == 2 and value[0] == 'task':
                return names.get(value[1])
            if isinstance(value, dict):
                return {k: resolve(v) for k, v in value.items()}
            return value

        for i, event in enumerate(self.events):
            event = resolve(event)
            event['seq'] = i
            self.events[i] = event
        return self.events


# The code of the `print` programs see (_make_print): the profile function notes its callers' lines.
_PRINT_CODE = next(c for c in _make_print.__code__.co_consts if isinstance(c, types.CodeType) and c.co_name == 'print')


def _callback_name(cb):
    name = getattr(cb, '__qualname__', None) or getattr(cb, '__name__', None)
    return name if isinstance(name, str) else type(cb).__name__


def _run_recorded(handle):
    """Handle._run, with the run recorded before and the step's outcome after."""
    recorder = _recorder
    event = recorder.handle_run(handle, handle._loop)
    owner = getattr(handle._callback, '__self__', None)
    previous, recorder.current = recorder.current, handle
    try:
        asyncio.Handle._run(handle)
    finally:
        recorder.current = previous
        recorder.handle_done(event, owner if isinstance(owner, _TASK_TYPES) else None)


class _RecordingHandle(asyncio.Handle):
    __slots__ = ('_ev_id', '_ev_by')
    _run = _run_recorded


class _RecordingTimerHandle(asyncio.TimerHandle):
    __slots__ = ('_ev_id', '_ev_by')
    _run = _run_recorded


class _RecordingLoopMixin:
    """base_events.py's `_call_soon` and `call_at`, making recording handles."""

    def _call_soon(self, callback, args, context):
        handle = _RecordingHandle(callback, args, self, context)
        handle._ev_id = _recorder.next_handle()
        handle._ev_by = _recorder.scheduled_by(self)
        if handle._source_traceback:
            del handle._source_traceback[-1]
        self._ready.append(handle)
        return handle

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_at')
        timer = _RecordingTimerHandle(when, callback, args, self, context)
        timer._ev_id = _recorder.next_handle()
        timer._ev_by = _recorder.scheduled_by(self)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        _heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        _recorder.task_created(self, task)
        return task


_recording_classes = {}


def _recording_loop_class(loop_class):
    cls = _recording_classes.get(loop_class)
    if cls is None:
        cls = type('Recording' + loop_class.__name__, (_RecordingLoopMixin, loop_class), {})
        _recording_classes[loop_class] = cls
    return cls


def run_program_with_events(source, filename='prog.py', clock='realistic', budget=None, wallclock_ms=5000,
                            count_clock_reads=False, quantum=1e-6):
    """run_program, with the loop's events recorded (see above); the result gains `events`."""
    global _recorder
    recorder = _EventRecorder(filename)
    _recorder = recorder
    depth = sys.get_coroutine_origin_tracking_depth()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            sys.set_coroutine_origin_tracking_depth(50)
            sys.setprofile(recorder.profile)
            try:
                result, stats = run_program(source, filename, clock, budget, wallclock_ms, count_clock_reads, quantum)
                gc.collect()  # coroutines in cycles: their "never awaited" now, not in the next run
            finally:
                sys.setprofile(None)
                sys.set_coroutine_origin_tracking_depth(depth)
    finally:
        _recorder = None
    result['events'] = recorder.finish(caught)
    return result, stats


# ------------------------------------------------------------------- test hook: heapq
class _HeapItem:
    """Compares by key only, as TimerHandles compare by `when`: ids show where ties went."""

    __slots__ = ('key', 'id')

    def __init__(self, key, id):
        self.key = key
        self.id = id

    def __lt__(self, other):
        return self.key < other.key


def heapq_trace(cases):
    """The `heapq` op, a test hook (test/port/heapq.test.ts): replays each case's
    push/pop/heapify operations on `heapq` -- the C `_heapq` base_events.py keeps its timers
    with -- and returns, per case, the ids popped and the ids left in heap order, so the
    port's heapq can be checked tie for tie against the one the oracle's loop really uses.
    A case: [{"op": "push", "key": k} | {"op": "pop"} | {"op": "heapify", "keys": [k...]}]."""
    import heapq
    out = []
    for ops in cases:
        heap, popped, n = [], [], 0
        for o in ops:
            if o['op'] == 'push':
                heapq.heappush(heap, _HeapItem(o['key'], n))
                n += 1
            elif o['op'] == 'pop':
                if heap:
                    popped.append(heapq.heappop(heap).id)
            else:
                heap = [_HeapItem(k, n + i) for i, k in enumerate(o['keys'])]
                n += len(o['keys'])
                heapq.heapify(heap)
        out.append([popped, [item.id for item in heap]])
    return out


# ------------------------------------------------------------------------------ main loop
def _info():
    return {'ok': True, 'version': '%d.%d.%d' % sys.version_info[:3],
            'implementation': sys.implementation.name.replace('cpython', 'CPython'),
            'executable': sys.executable}


def handle(request):
    op = request.get('op')
    if op == 'info':
        return _info()
    if op == 'run':
        try:
            # `events`: the loop's own events too (explain; the event recorder section)
            runner = run_program_with_events if request.get('events') else run_program
            result, stats = runner(
                request['source'], request.get('filename') or 'prog.py',
                request.get('clock') or 'realistic', request.get('budget'),
                request.get('wallclockMs', 5000), request.get('countClockReads', False),
                request.get('quantum', 1e-6))
        except Refused as e:
            return {'ok': False, 'error': e.error}
        except (SyntaxError, ValueError) as e:  # ValueError: source with NUL bytes
            return {'ok': False, 'error': _syntax_error(e)}
        response = {'ok': True, 'result': result}
        if request.get('countClockReads'):
            response['stats'] = stats
        return response
    if op == 'import':
        return importer.handle_import(request['source'], request.get('filename') or 'prog.py')
    if op == 'heapq':  # a test hook, see heapq_trace
        return {'ok': True, 'results': heapq_trace(request['cases'])}
    return {'ok': False, 'error': {'kind': 'protocol', 'message': 'unknown op %r' % (op,)}}


# Counted with the worker warm: until CPython 3.11 has specialised the worker's own calls
# (main -> handle -> run_program), they cost one more level, and a RecursionError came one
# frame later after ~8 runs than in the first. main() warms them up before serving.
_WORKER_FRAMES = 4


def main():
    _install_channel()
    install()
    # Programs are small and short-lived; collecting between runs is cheaper than
    # collecting during them (and keeps finalisers of one program out of the next one).
    gc.set_threshold(100000, 50, 100)
    gc.freeze()  # the worker's own objects: never scanned again
    # CPython's default limit, plus the frames the worker itself stands on (main, handle,
    # run_program, ...) so that a RecursionError comes at the same depth as in a real run.
    sys.setrecursionlimit(sys.getrecursionlimit() + _WORKER_FRAMES)
    for _ in range(20):  # warm up (see _WORKER_FRAMES): every run sees the same depth
        handle({'op': 'run', 'source': 'pass\n', 'wallclockMs': 0})
    dumps = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(',', ':')).encode
    write = os.write
    fd = _RESPONSE_FD
    for line in _REQUEST_FILE:
        if not line.strip():
            continue
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get('id')
            response = handle(request)
        except BaseException as e:  # never die on one request
            response = {'ok': False, 'error': {'kind': 'internal', 'message': '%s: %s' % (type(e).__name__, _safe_str(e))}}
        response['id'] = request_id
        try:
            data = dumps(response)
        except ValueError as e:  # NaN/Infinity have no JSON spelling
            data = dumps({'id': request_id, 'ok': False, 'error': {'kind': 'internal', 'message': str(e)}})
        data = (data + '\n').encode('ascii')
        while data:
            n = write(fd, data)
            data = data[n:]
        if _exit_after_answer:
            os._exit(0)  # clean-up ran out of time: a fresh worker takes this slot


def run_file(path, clock='realistic'):
    """`worker.py --run prog.py`: one program, one process (bench/oracle.ts compares the
    persistent pool with this). Prints the RunResult JSON on the real stdout; a file outside
    the subset is refused (`file:line:col: unsupported ...` on stderr, exit 2), never run."""
    _install_channel()
    install()
    with open(path, encoding='utf-8-sig') as f:  # a BOM is dropped, as python3 drops it
        source = f.read()
    try:
        result, _ = run_program(source, path, clock)
    except Refused as e:
        error = e.error
        sys.stderr.write('%s:%s:%s: %s\n' % (path, error['line'], error['col'], error['message']))
        sys.exit(2)
    os.write(_RESPONSE_FD, (json.dumps(result) + '\n').encode())


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == '--run':
        sys.setrecursionlimit(sys.getrecursionlimit() + _WORKER_FRAMES)
        run_file(sys.argv[2])
    else:
        _check_sources = '--unchecked' not in sys.argv[1:]
        main()
