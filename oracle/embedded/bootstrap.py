"""Makes an embedded CPython (Pyodide, in a Node worker thread) an oracle worker.

It runs the same worker module as the process pool (`oracle/python/worker.py`, copied into
the in-memory file system beside `importer.py`) and answers the same JSON requests with the
same JSON responses; only the transport differs (thread messages instead of pipes). What
Pyodide lacks is supplied here, nothing else changes:

- WebLoop: Pyodide's default event loop needs JavaScript stack switching that Node 20 lacks.
  The worker installs its own policy (a `BaseEventLoop` with the fake selector); here the
  running loop Pyodide set at start-up is cleared before anything runs.
- `signal.setitimer`: WebAssembly has no SIGALRM. `setitimer` is provided by the host: it
  tells the Node side the deadline, and the Node side delivers SIGALRM through Pyodide's
  interrupt buffer, so the worker's own wall clock (`_on_alarm`, the clean-up bound) works
  unchanged. A SIGALRM that arrives after its timer was re-armed or cleared is dropped, so
  a late alarm can never stop the next program.
- The pure-Python Task and Future (`cpython-3.12/py-task`): the asyncio Pyodide imported at
  start-up is forgotten and `_asyncio` blocked, so every asyncio module is imported again and
  falls back to its Python implementation.

Stdlib only; `host` is a JavaScript object: `arm(seconds, interval)`, `alarmIsCurrent()`
(thread.ts).
"""

import sys

def start(host, python_tasks, worker_dir):
    """Imports the worker under Pyodide's constraints; returns `serve(line) -> line`."""
    if python_tasks:
        _forget_asyncio()
        sys.modules['_asyncio'] = None  # asyncio.tasks/futures/events use their Python code
    import asyncio.events
    import signal

    asyncio.events._set_running_loop(None)  # Pyodide's WebLoop: never used by the oracle
    _provide_setitimer(signal, host)
    sys.path.insert(0, worker_dir)
    import worker

    worker.install()
    _guard_alarm(signal, host)
    return _server(worker)


def _forget_asyncio():
    """Pyodide imports asyncio at start-up (for its WebLoop), with the C Task: drop those
    modules, so the next import builds them again without `_asyncio`."""
    for name in [n for n in sys.modules if n == 'asyncio' or n.startswith('asyncio.')]:
        del sys.modules[name]


def _provide_setitimer(signal, host):
    if hasattr(signal, 'setitimer'):
        return
    signal.ITIMER_REAL = 0

    def setitimer(which, seconds, interval=0.0):
        host.arm(seconds, interval)
        return (0.0, 0.0)

    signal.setitimer = setitimer


def _guard_alarm(signal, host):
    """Drops a SIGALRM raised for a timer that was re-armed or cleared since (alarm.ts)."""
    handler = signal.getsignal(signal.SIGALRM)
    if not callable(handler):
        return

    def on_alarm(signum, frame):
        if host.alarmIsCurrent():
            handler(signum, frame)

    signal.signal(signal.SIGALRM, on_alarm)


def _server(worker):
    """One request line in, one response line out: worker.main's set-up and loop body, minus
    the pipe (keep in step with it)."""
    import gc
    import json

    # As worker.main: collect between programs, not during them; frames the worker stands on.
    if hasattr(gc, 'freeze'):
        gc.set_threshold(100000, 50, 100)
        gc.freeze()
    sys.setrecursionlimit(sys.getrecursionlimit() + worker._WORKER_FRAMES)
    for _ in range(20):  # as worker.main: warm the worker's own calls, so every run sees one depth
        worker.handle({'op': 'run', 'source': 'pass\n', 'wallclockMs': 0})
    dumps = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(',', ':')).encode

    def serve(line):
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get('id')
            response = worker.handle(request)
        except BaseException as e:  # never die on one request
            response = {'ok': False, 'error': {'kind': 'internal', 'message': '%s: %s' % (type(e).__name__, worker._safe_str(e))}}
        response['id'] = request_id
        try:
            return dumps(response)
        except ValueError as e:  # NaN/Infinity have no JSON spelling
            return dumps({'id': request_id, 'ok': False, 'error': {'kind': 'internal', 'message': str(e)}})

    return serve


def must_restart():
    """True when the worker gave up on its state (clean-up outran its bound): as the process
    worker exits after answering, the thread is replaced."""
    worker = sys.modules.get('worker')
    return bool(getattr(worker, '_exit_after_answer', False))
