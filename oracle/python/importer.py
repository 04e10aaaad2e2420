"""Reads a tutorial-style asyncio `.py` file into the program IR of ir/program.ts.

Parses with CPython's own `ast` (never executes the file) and refuses, with the exact
line and 1-based column, anything outside the IR's subset:
`{"kind": "unsupported", "message": "unsupported <construct>", "line": L, "col": C}`.

It is an allow-list, in two layers. The converter below builds the IR only from the fields it
names (an annotation is never read into the IR, a decorator is refused), and every name
resolves only to what the subset defines: the program's own globals, locals, parameters and
functions, the listed builtins in call position, `asyncio.<listed function>(...)`, and
`__name__` only in the main guard. Then every node of the tree must be of a type listed in
ALLOWED_NODES (`check_node_types`). What runs is the IR printed back as Python, and the
oracle's worker re-checks that text with this same module before it runs it.

Stdlib only. The IR is plain dicts/lists that `json` writes as ir/program.ts spells it.
"""

import ast
import builtins
import os
import re
import _string

# Keep in step with ir/program.ts (BUILTINS, ASYNCIO_FUNCTIONS, METHODS).
BUILTINS = frozenset([
    'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
    'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip',
    'dict', 'set', 'frozenset',
    'any', 'all', 'divmod', 'reversed', 'isinstance', 'hash', 'chr', 'ord', 'map', 'filter',
    'next', 'iter', 'anext',
])
ASYNCIO_FUNCTIONS = frozenset(['run', 'sleep', 'create_task', 'gather', 'current_task', 'all_tasks',
                               # tasks, futures and the loop API (issue 9, h4)
                               'wait_for', 'wait', 'shield', 'as_completed', 'ensure_future', 'Future',
                               'get_running_loop', 'get_event_loop', 'new_event_loop', 'set_event_loop',
                               'Runner',
                               # synchronisation, queues, timeouts, task groups (issue 9)
                               'Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier',
                               'Queue', 'PriorityQueue', 'LifoQueue', 'timeout', 'timeout_at', 'TaskGroup'])
METHODS = frozenset([
    'append', 'pop', 'done', 'result', 'cancelled', 'cancel', 'get_name', 'keys', 'values',
    'items', 'get', 'setdefault', 'update', 'clear', 'copy', 'popitem', 'add', 'discard', 'remove',
    'union', 'intersection', 'difference', 'symmetric_difference', 'issubset', 'issuperset',
    'isdisjoint', 'intersection_update', 'difference_update', 'symmetric_difference_update',
    'format', 'join', 'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'replace', 'upper', 'lower',
    'title', 'capitalize', 'swapcase', 'startswith', 'endswith', 'find', 'rfind', 'index',
    'rindex', 'count', 'ljust', 'rjust', 'center', 'zfill', 'isdigit', 'isdecimal', 'isnumeric',
    'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'partition', 'rpartition', 'splitlines',
    'removeprefix', 'removesuffix', 'extend', 'insert', 'sort', 'reverse',
    'appendleft', 'popleft', 'extendleft', 'rotate', 'most_common', 'elements', 'subtract', 'total',
    # Task, Future, loop, Handle and Runner methods (issue 9, h4)
    'get_coro', 'set_name', 'exception', 'cancelling', 'uncancel', 'add_done_callback',
    'remove_done_callback', 'set_result', 'set_exception', 'get_loop', 'run_until_complete',
    'run_forever', 'stop', 'close', 'is_running', 'is_closed', 'call_soon', 'call_later', 'call_at',
    'time', 'create_task', 'create_future', 'run', 'when', 'set_exception_handler', 'get_exception_handler',
    'send', 'throw', 'asend', 'athrow', 'aclose',
    # locks, events, conditions, semaphores, barriers, queues, timeouts, task groups (issue 9)
    'acquire', 'release', 'locked', 'set', 'is_set', 'wait', 'wait_for', 'notify', 'notify_all',
    'put', 'put_nowait', 'get_nowait', 'qsize', 'empty', 'full', 'task_done', 'reset', 'abort',
    'reschedule', 'expired',
])
# How many arguments (positional and keyword together) the asyncio functions of issue 9 take:
# outside these the call is refused rather than left to raise.
ASYNCIO_ARITY = {'wait_for': (2, 2), 'wait': (1, 3), 'as_completed': (1, 2), 'shield': (1, 1),
                 'ensure_future': (1, 1), 'Future': (0, 0), 'get_running_loop': (0, 0),
                 'get_event_loop': (0, 0), 'new_event_loop': (0, 0), 'set_event_loop': (1, 1),
                 'Runner': (0, 0)}
# `asyncio.FIRST_COMPLETED`...: read as the str each equals (asyncio.wait compares by value).
ASYNCIO_CONSTANTS = frozenset(['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'])
# What of asyncio stays out (threads, executors, streams, subprocesses), and why: the hint.
ASYNCIO_REFUSED_HINTS = {
    'to_thread': 'threads are outside the subset', 'run_coroutine_threadsafe': 'threads are outside the subset',
    'open_connection': 'streams and sockets are outside the subset',
    'start_server': 'streams and sockets are outside the subset',
    'create_subprocess_exec': 'subprocesses are outside the subset',
    'create_subprocess_shell': 'subprocesses are outside the subset',
    'run_in_executor': 'executors and threads are outside the subset',
    'call_soon_threadsafe': 'threads are outside the subset',
    'set_default_executor': 'executors and threads are outside the subset',
    'create_connection': 'streams and sockets are outside the subset',
}
# Keep in step with ir/program.ts (STDLIB_MODULES, STDLIB_FUNCTIONS, STDLIB_CONSTANTS): the
# modules a program may import besides asyncio, each listed function with the positional
# argument counts it accepts (min, max; None: any) and its keywords, and the constants.
STDLIB_FUNCTIONS = {
    'time': {'time': (0, 0, ()), 'monotonic': (0, 0, ()), 'perf_counter': (0, 0, ()),
             'sleep': (1, 1, ())},
    'random': {'seed': (1, 1, ()), 'random': (0, 0, ()), 'randint': (2, 2, ()),
               'randrange': (1, 3, ()), 'uniform': (2, 2, ()), 'choice': (1, 1, ()),
               'shuffle': (1, 1, ()), 'sample': (1, 2, ('k',)), 'getrandbits': (1, 1, ()),
               'gauss': (0, 2, ('mu', 'sigma'))},
    'math': {'floor': (1, 1, ()), 'ceil': (1, 1, ()), 'sqrt': (1, 1, ()),
             'isclose': (2, 2, ('rel_tol', 'abs_tol')), 'gcd': (0, None, ()), 'fabs': (1, 1, ()),
             'pow': (2, 2, ()), 'log': (1, 2, ()), 'exp': (1, 1, ()), 'sin': (1, 1, ()), 'cos': (1, 1, ())},
    'collections': {'deque': (0, 2, ('maxlen',)), 'defaultdict': (0, 2, ()), 'Counter': (0, 1, ()),
                    'namedtuple': (2, 2, ('defaults',))},
    'itertools': {'count': (0, 2, ('start', 'step')), 'cycle': (1, 1, ()), 'repeat': (1, 2, ('times',)),
                  'islice': (2, 4, ()), 'chain': (0, None, ()), 'chain.from_iterable': (1, 1, ()),
                  'product': (0, None, ('repeat',)), 'permutations': (1, 2, ('r',)),
                  'combinations': (1, 2, ('r',)), 'accumulate': (1, 2, ('func', 'initial')),
                  'groupby': (1, 2, ('key',)), 'zip_longest': (0, None, ('fillvalue',)),
                  'pairwise': (1, 1, ())},
    # `field(...)` in a @dataclass body (the decorator itself is read apart: dataclass_decorator).
    'dataclasses': {'field': (0, 0, ('default', 'default_factory', 'init', 'repr', 'compare'))},
    # naive datetimes on the virtual clock (worker.py _make_datetime_module, runtime/datetime.ts)
    'datetime': {'datetime.now': (0, 0, ()), 'datetime': (3, 7, ()),
                 'timedelta': (0, 7, ('days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'))},
}
# The strftime directives runtime/datetime.ts gives their C-locale meaning (STRFTIME_DIRECTIVES).
STRFTIME_DIRECTIVES = frozenset('YymdHMSfIpjaAbBXxTFRc%')
# Attributes of datetime and timedelta objects the port does not give (refused in a program that
# imports datetime, whatever the object: the importer cannot tell a datetime from another value).
DATETIME_UNPORTED = frozenset([
    'astimezone', 'combine', 'ctime', 'date', 'dst', 'fold', 'fromisocalendar', 'fromisoformat',
    'fromordinal', 'fromtimestamp', 'isocalendar', 'isoweekday', 'max', 'min', 'resolution',
    'timestamp', 'timetuple', 'timetz', 'today', 'toordinal', 'tzinfo', 'tzname', 'utcfromtimestamp',
    'utcnow', 'utcoffset', 'utctimetuple', 'weekday', 'strptime', 'timezone',
])
# The fields datetime.replace takes by name in the subset (naive: tzinfo= and fold= stay out).
DATETIME_REPLACE_KEYWORDS = frozenset(['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'])
STDLIB_CONSTANTS = {'time': frozenset(), 'random': frozenset(),
                    'math': frozenset(['pi', 'e', 'tau', 'inf', 'nan']), 'collections': frozenset(), 'itertools': frozenset(),
                    'dataclasses': frozenset(), 'datetime': frozenset()}
IMPORTABLE = ('asyncio', 'functools') + tuple(sorted(STDLIB_FUNCTIONS))
# What the program may not call, and why (the hint of the refusal).
# asyncio calls that stay out (issue 9), and why (the hint of the refusal).
ASYNCIO_REFUSED_HINTS.update(dict.fromkeys(
    ['open_connection', 'start_server', 'open_unix_connection', 'start_unix_server', 'StreamReader',
     'StreamWriter'], 'streams and sockets are outside the subset'))
ASYNCIO_REFUSED_HINTS.update(dict.fromkeys(
    ['create_subprocess_exec', 'create_subprocess_shell'], 'subprocesses are outside the subset'))
ASYNCIO_REFUSED_HINTS.update(dict.fromkeys(
    ['to_thread', 'run_coroutine_threadsafe', 'wrap_future'], 'threads and executors are outside the subset'))
STDLIB_REFUSED_HINTS = {
    'collections.OrderedDict': 'a dict keeps insertion order: use dict',
}

# Modules not read yet, and why (the hint of the refusal, before the list of what is).
MODULE_REFUSED_HINTS = {}

# Keyword arguments a call may pass (user functions take any keyword).
BUILTIN_KEYWORDS = {'print': {'sep', 'end'}, 'sorted': {'reverse', 'key'}, 'enumerate': {'start'},
                    'sum': {'start'}, 'round': {'ndigits'}, 'min': {'key', 'default'},
                    'max': {'key', 'default'}}
# Builtins that take any keyword argument (`dict(a=1)`), and methods (`d.update(a=1)`).
ANY_KEYWORDS = frozenset(['dict', '.update'])
ASYNCIO_KEYWORDS = {'gather': {'return_exceptions'}, 'create_task': {'name'}, 'sleep': {'result'},
                    'wait_for': {'timeout'}, 'wait': {'timeout', 'return_when'}, 'as_completed': {'timeout'},
                    'Semaphore': {'value'}, 'BoundedSemaphore': {'value'}, 'Barrier': {'parties'},
                    'Queue': {'maxsize'}, 'PriorityQueue': {'maxsize'}, 'LifoQueue': {'maxsize'},
                    'Condition': {'lock'}, 'timeout': {'delay'}, 'timeout_at': {'when'}}
# The constructors of issue 9 and how many arguments each takes (CPython's own TypeError is not ported).
ASYNCIO_MAX_ARGS = {'Lock': 0, 'Event': 0, 'TaskGroup': 0, 'Condition': 1, 'Semaphore': 1, 'BoundedSemaphore': 1,
                    'Barrier': 1, 'Queue': 1, 'PriorityQueue': 1, 'LifoQueue': 1, 'timeout': 1, 'timeout_at': 1}
METHOD_KEYWORDS = {'cancel': {'msg'}, 'split': {'sep', 'maxsplit'}, 'rsplit': {'sep', 'maxsplit'},
                   'sort': {'key', 'reverse'}, 'splitlines': {'keepends'}, 'format': None,
                   'wait_for': {'predicate'}, 'notify': {'n'}, 'put': {'item'}, 'put_nowait': {'item'},
                   'reschedule': {'when'}, 'create_task': {'name'}}  # None: any keyword (`{name}` fields)

# What CPython prints by address (`<map object at 0x...>`): accepted only where it is consumed
# at once, as the argument of one of ITER_CONSUMERS, `*`-spread, or iterated by a for loop
# or a comprehension (issue 8: never print what differs from run to run).
ADDRESS_ITERATORS = frozenset(['map', 'filter', 'reversed'])
ITER_CONSUMERS = frozenset(['list', 'tuple', 'sorted', 'sum', 'min', 'max', 'any', 'all', 'enumerate',
                            'zip', 'map', 'filter'])
ITER_CONSUMING_METHODS = frozenset(['join', 'extend'])

# Keep in step with ir/program.ts EXCEPTION_CLASSES: the built-in exception classes a program
# may name (as values, called, in `except`), then asyncio's, spelled `asyncio.<name>`.
EXCEPTION_NAMES = frozenset([
    'BaseException', 'Exception', 'ArithmeticError', 'ZeroDivisionError', 'OverflowError', 'LookupError',
    'IndexError', 'KeyError', 'NameError', 'UnboundLocalError', 'TypeError', 'ValueError', 'AttributeError',
    'RuntimeError', 'RecursionError', 'NotImplementedError', 'AssertionError', 'StopIteration',
    'StopAsyncIteration', 'TimeoutError', 'KeyboardInterrupt',
    'BaseExceptionGroup', 'ExceptionGroup',
])
ASYNCIO_EXCEPTIONS = frozenset(['CancelledError', 'TimeoutError', 'InvalidStateError',
                                'QueueEmpty', 'QueueFull', 'BrokenBarrierError'])
# The attributes of an exception a program may read (the only dunders besides type(x).__name__).
EXCEPTION_ATTRS = frozenset(['args', '__cause__', '__context__', 'exceptions'])
# Keep in step with ir/program.ts CLASS_DUNDERS: the dunder methods a class may define, and
# read through `super()` (runtime/classes.ts gives each its meaning).
CLASS_DUNDERS = frozenset([
    '__init__', '__str__', '__repr__', '__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__',
    '__len__', '__bool__', '__aenter__', '__aexit__', '__enter__', '__exit__', '__aiter__',
    '__anext__', '__post_init__',
    # the container and call protocols (runtime/classes.ts objectHooks.iter/next/getitem/contains/call/hash)
    '__hash__', '__iter__', '__next__', '__getitem__', '__contains__', '__call__',
])
# `@dataclass(order=True, frozen=True, eq=False)`: the options the runtime ports (runtime/classes.ts).
DATACLASS_OPTIONS = ('eq', 'order', 'frozen')
METHOD_DECORATORS = frozenset(['staticmethod', 'classmethod', 'property'])
# Attribute names of what a program could reach in CPython but must not (frames, code, tracebacks,
# coroutines and generators, functions, modules, Tasks and Futures, event loops and their handles,
# partial, property, super, type, BaseException), from `dir()` of those types in 3.11 minus names
# that lead nowhere (`result`, `done`, `args`, `items`...): a user class's attribute may not be
# named one of these, since `obj.<name>` on such an object would reach CPython's internals.
# Static (not computed), so every oracle version refuses the same programs.
# Attribute names of the builtin values (str, int, float, list, tuple, dict, set, range, slice,
# bytes, the dict views, the iterators) that the subset does not give a meaning: `obj.<name>` or
# `obj.<name>()` could land on such a value, where the port could not answer as CPython does
# (the METHODS it does answer, and `start`/`stop`/`step`/`count`/`index`, stay readable).
BUILTIN_VALUE_ATTRIBUTES = frozenset([
    'as_integer_ratio', 'bit_count', 'bit_length', 'casefold', 'conjugate', 'decode', 'denominator',
    'encode', 'expandtabs', 'format_map', 'from_bytes', 'fromhex', 'fromkeys', 'hex', 'imag',
    'indices', 'is_integer', 'isascii', 'isidentifier', 'isprintable', 'istitle', 'maketrans',
    'mapping', 'numerator', 'real', 'to_bytes', 'translate'
])


INTERNAL_ATTRIBUTES = frozenset([
    '_Future__log_traceback', '_Future__schedule_callbacks', '_Local', '_Task__step',
    '_Task__wakeup', '_accept_connection', '_accept_connection2', '_add_callback',
    '_add_callback_signalsafe', '_add_reader', '_add_writer', '_asyncgen_finalizer_hook',
    '_asyncgen_firstiter_hook', '_asyncio_future_blocking', '_attach', '_call_soon',
    '_cancel_message', '_cancelled_exc', '_check_callback', '_check_closed',
    '_check_default_executor', '_check_running', '_check_sendfile_params', '_check_signal',
    '_check_thread', '_child_watcher_callback', '_close_self_pipe', '_co_code_adaptive',
    '_connect_sock', '_context', '_coro', '_create_connection_transport',
    '_create_server_getaddrinfo', '_detach', '_do_shutdown', '_ensure_fd_no_transport',
    '_ensure_resolved', '_fut_waiter', '_getaddrinfo_debug', '_handle_signal', '_init_watcher',
    '_lazy_init', '_log_destroy_pending', '_log_subprocess', '_log_traceback', '_loop',
    '_loop_factory', '_make_cancelled_error', '_make_datagram_transport',
    '_make_read_pipe_transport', '_make_self_pipe', '_make_socket_transport', '_make_ssl_transport',
    '_make_subprocess_transport', '_make_write_pipe_transport', '_must_cancel', '_on_sigint',
    '_process_events', '_process_self_data', '_read_from_self', '_remove_reader', '_remove_writer',
    '_repr_info', '_run', '_run_once', '_sendfile_fallback', '_sendfile_native',
    '_set_coroutine_origin_tracking', '_sock_accept', '_sock_add_cancellation_callback',
    '_sock_connect', '_sock_connect_cb', '_sock_read_done', '_sock_recv', '_sock_recv_into',
    '_sock_recvfrom', '_sock_recvfrom_into', '_sock_sendall', '_sock_sendfile_fallback',
    '_sock_sendfile_native', '_sock_sendfile_native_impl', '_sock_sendfile_update_filepos',
    '_sock_sendto', '_sock_write_done', '_source_traceback', '_start_serving', '_stop_serving',
    '_timer_handle_cancelled', '_varname_from_oparg', '_wakeup', '_write_to_self', 'aclose',
    'add_note', 'add_reader', 'add_signal_handler', 'add_writer', 'ag_await', 'ag_code', 'ag_frame',
    'ag_running', 'asend', 'athrow', 'call_at', 'call_exception_handler', 'call_later', 'call_soon',
    'call_soon_threadsafe', 'cell_contents', 'co_argcount', 'co_cellvars', 'co_code', 'co_consts',
    'co_exceptiontable', 'co_filename', 'co_firstlineno', 'co_flags', 'co_freevars',
    'co_kwonlyargcount', 'co_lines', 'co_linetable', 'co_lnotab', 'co_name', 'co_names',
    'co_nlocals', 'co_positions', 'co_posonlyargcount', 'co_qualname', 'co_stacksize',
    'co_varnames', 'connect_accepted_socket', 'connect_read_pipe', 'connect_write_pipe', 'cr_await',
    'cr_code', 'cr_frame', 'cr_origin', 'cr_running', 'cr_suspended', 'create_connection',
    'create_datagram_endpoint', 'create_future', 'create_server', 'create_task',
    'create_unix_connection', 'create_unix_server', 'default_exception_handler', 'deleter',
    'f_back', 'f_builtins', 'f_code', 'f_globals', 'f_lasti', 'f_lineno', 'f_locals', 'f_trace',
    'f_trace_lines', 'f_trace_opcodes', 'fdel', 'fget', 'fset', 'get_child_watcher', 'get_coro',
    'get_debug', 'get_event_loop', 'get_loop', 'get_stack',
    'get_task_factory', 'getaddrinfo', 'getnameinfo', 'getter', 'gi_code', 'gi_frame', 'gi_running',
    'gi_suspended', 'gi_yieldfrom', 'is_closed', 'is_running', 'is_serving', 'mro',
    'new_event_loop', 'print_stack', 'remove_reader', 'remove_signal_handler', 'remove_writer',
    'run_forever', 'run_in_executor', 'run_until_complete', 'sendfile', 'serve_forever',
    'set_child_watcher', 'set_debug', 'set_default_executor', 'set_event_loop',
    'set_task_factory', 'setter', 'shutdown_asyncgens',
    'shutdown_default_executor', 'sock_accept', 'sock_connect', 'sock_recv', 'sock_recv_into',
    'sock_recvfrom', 'sock_recvfrom_into', 'sock_sendall', 'sock_sendfile', 'sock_sendto',
    'sockets', 'start_serving', 'start_tls', 'subprocess_exec', 'subprocess_shell', 'tb_frame',
    'tb_lasti', 'tb_lineno', 'tb_next', 'wait_closed', 'with_traceback'
])

BIN_OPS = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//',
           ast.Mod: '%', ast.Pow: '**', ast.BitOr: '|', ast.BitAnd: '&', ast.BitXor: '^'}
OTHER_BIN_OPS = {ast.MatMult: '@', ast.LShift: '<<', ast.RShift: '>>'}
UNARY_OPS = {ast.USub: '-', ast.UAdd: '+', ast.Not: 'not'}
CMP_OPS = {ast.Eq: '==', ast.NotEq: '!=', ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=',
           ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is', ast.IsNot: 'is not'}
CONVERSIONS = {-1: None, ord('s'): 's', ord('r'): 'r'}

# A short human name per refused node type: "unsupported <name>".
REFUSED_STMTS = {
    ast.AsyncFor: 'async for statement',
    ast.Delete: 'del statement',
    ast.ClassDef: 'class definition', ast.AnnAssign: 'annotated assignment',
}
if hasattr(ast, 'Match'):  # 3.10+
    REFUSED_STMTS[ast.Match] = 'match statement'
REFUSED_EXPRS = {
    ast.Dict: 'dict', ast.Set: 'set', ast.DictComp: 'dict comprehension',
    ast.SetComp: 'set comprehension', ast.GeneratorExp: 'generator expression', ast.Yield: 'yield',
    ast.YieldFrom: 'yield from', ast.NamedExpr: 'assignment expression (:=)', ast.Slice: 'slice',
}

MAX_SAFE_INTEGER = 2 ** 53 - 1

# Every AST node type a program may contain, and nothing else (the second layer of the
# allow-list: a node type the converter might let through by mistake is still refused).
# `try: ... except* E:` is 3.11's (an older oracle, PyPy 3.9 say, has no node for it and reads none).
TRY_STAR = (ast.TryStar,) if hasattr(ast, 'TryStar') else ()
ALLOWED_NODES = frozenset([
    ast.Module, ast.Import, ast.alias, ast.FunctionDef, ast.AsyncFunctionDef, ast.arguments, ast.arg,
    ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.If, ast.For, ast.While,
    ast.Break, ast.Continue, ast.Pass,
    ast.Constant, ast.Name, ast.Load, ast.Store, ast.List, ast.Tuple, ast.Starred, ast.BinOp,
    ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Subscript, ast.ListComp,
    ast.comprehension, ast.JoinedStr, ast.FormattedValue, ast.Await, ast.Call, ast.keyword,
    ast.Attribute,  # only `asyncio.f` and `obj.method` as the callee of a call (see call())
    ast.Slice,  # only as a subscript's index, never assigned to (see index(), target())
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd,
    ast.Lambda, ast.Global, ast.Nonlocal,  # functions as values (issue 8 item 3)
    ast.ImportFrom,  # only `from functools import partial` (see module())
    ast.Try, ast.ExceptHandler, ast.Raise, ast.Assert,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
    # containers, slicing, walrus, del (issue 8 item 4)
    ast.Dict, ast.Set, ast.DictComp, ast.SetComp, ast.Slice, ast.NamedExpr, ast.Delete, ast.Del,
    ast.BitOr, ast.BitAnd, ast.BitXor,
    ast.ClassDef,  # module level only, one base at most (see class_def())
    # iteration (issue 8 item 5): generators, generator expressions, async for
    ast.GeneratorExp, ast.Yield, ast.YieldFrom, ast.AsyncFor,
    ast.With, ast.AsyncWith, ast.withitem,  # context managers (issue 9, see with_statement())
    *TRY_STAR,  # except* (issue 9, see exception_statement())
])
if hasattr(ast, 'Match'):  # match statements, read as if/elif chains (issue 8 item 4; see match())
    ALLOWED_NODES = ALLOWED_NODES | frozenset([
        ast.Match, ast.match_case, ast.MatchValue, ast.MatchSingleton, ast.MatchSequence,
        ast.MatchMapping, ast.MatchClass, ast.MatchStar, ast.MatchAs, ast.MatchOr])

# Every name Python would find in builtins: a program may not bind one (a parameter `print`
# would turn `print(...)` into a call of whatever the caller passed) nor read one that the
# subset does not list (`exec`, `open`, `getattr`, `globals`...).
PYTHON_BUILTINS = frozenset(dir(builtins))
# Builtins a module-level `def` may shadow (PEP 530's example defines its own `aiter`): names the
# subset never reads otherwise, so inside the program the name can only mean the user's function,
# on CPython (module globals are found before builtins) and on the port (the transpiler names a
# def after itself). Anything that reaches the interpreter (`open`, `exec`, `getattr`, `type`,
# `super`...) or that the subset gives a meaning (BUILTINS, the exception classes) stays refused.
SHADOWABLE_BUILTINS = frozenset(['aiter', 'ascii', 'bin', 'callable', 'hex', 'oct', 'pow', 'id', 'input',
                                 'complex', 'bytes', 'bytearray'])

# `format(value, spec)` is how ir/python.ts spells an f-string field it cannot print inside
# an f-string (quotes or braces in the spec): read back as that field, never as a builtin.
FORMAT_BUILTIN = 'format'

_AST = ast.AST


def _child_nodes(node):
    """`list(ast.iter_child_nodes(node))`, in its order. The gate (check_source) reads every
    program the oracle runs, and `ast`'s generic generators were a third of its cost."""
    children = []
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, _AST):
            children.append(value)
        elif isinstance(value, list):
            children.extend([item for item in value if isinstance(item, _AST)])
    return children


def _walk(node):
    """`list(ast.walk(node))`: breadth first, in ast.walk's order (see _child_nodes)."""
    nodes = [node]
    for node in nodes:  # a list iterator also visits what is appended while it runs
        nodes.extend(_child_nodes(node))
    return nodes


# ASDL types of the fields that never hold a node (an identifier, a number, a constant), and
# `expr_context`: Load, Store and Del are all allowed and have no children, so check_node_types
# meets the same first refused node without visiting them.
_LEAF_FIELD_TYPES = frozenset(['identifier', 'string', 'int', 'constant'] +
                              (['expr_context'] if {ast.Load, ast.Store, ast.Del} <= ALLOWED_NODES else []))
_NODE_FIELDS = {}
_STATEMENT_FIELDS = {}
_STATEMENTS = (ast.stmt, ast.ExceptHandler)


def _grammar_fields(kind):
    """[(ASDL type, field name)] of a node type, from the grammar line CPython gives each node
    class as its docstring (`Name(identifier id, expr_context ctx)`): `*` and `?` dropped.
    None when the docstring does not spell exactly `_fields` (then every field counts)."""
    signature = re.fullmatch(r'(\w+)\((.*)\)', kind.__doc__ or '')
    if signature is None or signature.group(1) != kind.__name__:
        return None
    declared = [field.split(' ') for field in signature.group(2).split(', ')]
    if not all(len(d) == 2 for d in declared) or tuple(name for _, name in declared) != kind._fields:
        return None
    return [(type_.rstrip('*?'), name) for type_, name in declared]


def _node_fields(kind):
    """The fields of a node type that can hold a node, in `_fields` order (check_node_types)."""
    grammar = _grammar_fields(kind)
    fields = kind._fields if grammar is None else tuple(name for type_, name in grammar if type_ not in _LEAF_FIELD_TYPES)
    _NODE_FIELDS[kind] = fields
    return fields


def _statement_fields(kind):
    """The fields of a node type that can hold a statement or an except handler, in `_fields`
    order: the grammar's `stmt` and `excepthandler` fields (_names_bound_in)."""
    fields = _STATEMENT_FIELDS.get(kind)
    if fields is None:
        grammar = _grammar_fields(kind)
        fields = kind._fields if grammar is None else tuple(
            name for type_, name in grammar if type_ in ('stmt', 'excepthandler'))
        _STATEMENT_FIELDS[kind] = fields
    return fields


def _yields_itself(fn):
    """Whether a def's own body yields (a generator function), nested defs and lambdas aside."""
    todo = list(fn.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(_child_nodes(n))
    return False


def _is_dunder(name):
    return len(name) > 4 and name.startswith('__') and name.endswith('__')


class Unsupported(Exception):
    def __init__(self, construct, node, source_lines):
        super().__init__('unsupported ' + construct)
        self.line = getattr(node, 'lineno', 0) or 0
        self.col = _char_col(source_lines, self.line, getattr(node, 'col_offset', 0) or 0)


def _char_col(source_lines, line, byte_offset):
    """ast's col_offset counts UTF-8 bytes; editors count characters (1-based)."""
    if 1 <= line <= len(source_lines):
        return len(source_lines[line - 1].encode('utf-8')[:byte_offset].decode('utf-8', 'replace')) + 1
    return byte_offset + 1


def _is_main_guard(node):
    """`if __name__ == "__main__":` (either operand order), no else."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == '__name__']
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == '__main__']
    return len(names) == 1 and len(consts) == 1


# The child check_node_types never reads, by node type: annotations (dropped: they never run)
# and the main guard's test (flattened away; an `ast.If` counts only when it is the guard).
_SKIPPED_CHILD = {ast.arg: 'annotation', ast.FunctionDef: 'returns',
                  ast.AsyncFunctionDef: 'returns', ast.AnnAssign: 'annotation', ast.If: 'test'}


class Importer:
    def __init__(self, source, drop_annotations=True, filename=None):
        # `__file__` reads as this file's absolute path, as `python3 FILE` sets it (3.9+: abspath).
        self.file_path = None if filename is None else os.path.abspath(filename)
        self.file_lines = []  # where `__file__` was read (a header note says so)
        # The worker's gate runs the very text it checks: there an annotation is refused
        # instead of dropped (printed IR never has one).
        self.drop_annotations = drop_annotations
        self.source_lines = source.splitlines()
        # Whether the tree can hold an `ast.NamedExpr` / `ast.Global` / `ast.Nonlocal`: the parser
        # makes them only from the token `:=` / the keywords `global`, `nonlocal`, so a source
        # without that text has none, and the walks that look for them (a sixth of the gate's
        # cost) are skipped.
        self.walrus = ':=' in source
        self.global_statements = 'global' in source
        self.scope_declarations = self.global_statements or 'nonlocal' in source
        self.functions = {}  # name -> ast def node
        self.awaited = None  # the value of the `await` being read (check_anext_argument)
        self.globals = set()  # names the module's own statements bind
        self.locals = None  # names the function being read binds (None: module level)
        self.enclosing = []  # the locals of the functions around the one being read, outermost first
        self.nested = 0  # how many nested defs and lambdas are being read
        self.partial_names = set()  # how the program spells functools.partial: 'functools.partial', 'partial'
        self.comprehension_scopes = []  # targets of the comprehensions being read
        self.annotation_lines = []  # where annotations were dropped (a header note says so)
        self.handler_depth = 0  # except handlers around the statement being read (bare raise)
        self.consumed = set()  # id() of the map/filter/reversed calls consumed at once
        self.imports = []  # modules imported besides asyncio, in order
        self.classes = set()  # classes defined so far (a base names one of them)
        self.super_ok = False  # reading a method's own body (not a nested def): super() may be read
        self.pending_super = False  # the next function() is a method in which super() may be read
        self.dataclass_names = set()  # how the program spells the dataclass decorator: 'dataclass', 'dataclasses.dataclass'
        self.typing_names = set()  # `typing` and the names imported from it: only annotations use them
        self.from_names = {}  # `from collections import deque`: name -> module (read as `collections.deque`)
        self.def_kinds = []  # per function being read (innermost last): 'def', 'async def' or 'lambda'
        self.context_names = set()  # contextmanager / asynccontextmanager imported from contextlib
        self.in_async = False  # whether the function being read is an `async def` (async with)
        self.comprehension_target = False  # reading a comprehension's target (its own scope: may shadow a def)

    def refuse(self, construct, node):
        raise Unsupported(construct, node, self.source_lines)

    # ---------------------------------------------------------------------- module
    def module(self, tree):
        body = list(tree.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]  # module docstring
        # Flatten the main guard; everything else stays where it is.
        statements = []
        for node in body:
            if _is_main_guard(node):
                if node.orelse:
                    self.refuse('else of if __name__ == "__main__"', node.orelse[0])
                statements.extend(node.body)
            else:
                statements.append(node)
        for node in statements:
            if isinstance(node, ast.Import) and any(a.name == 'functools' for a in node.names):
                self.partial_names.add('functools.partial')
            if _is_partial_import(node):
                self.partial_names.add('partial')
            if isinstance(node, ast.Import) and any(a.name == 'dataclasses' and a.asname is None for a in node.names):
                self.dataclass_names.add('dataclasses.dataclass')
            if _is_dataclass_import(node):
                self.dataclass_names.add('dataclass')
            self.note_typing_import(node)
            if _is_contextlib_import(node):
                self.context_names.update(a.name for a in node.names)
                if 'contextlib' not in self.imports:
                    self.imports.append('contextlib')
        defs = []
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name in self.functions:
                    self.refuse('redefinition of %s' % node.name, node)
                if node.name in BUILTINS or node.name == 'asyncio' or \
                        node.name in PYTHON_BUILTINS and node.name not in SHADOWABLE_BUILTINS:
                    self.refuse('redefinition of builtin %s (rename the function)' % node.name, node)
                if node.name in STDLIB_FUNCTIONS:
                    self.refuse('function named %s (a module the subset imports; rename it)' % node.name, node)
                if _is_dunder(node.name):
                    self.refuse('function name %s (dunder names are outside the subset)' % node.name, node)
                self.functions[node.name] = node
                defs.append(node)
        for node in statements:
            if isinstance(node, ast.ClassDef):
                self.check_binding(node.name, node, 'class name')
                self.globals.add(node.name)
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    self.globals.update(_bound_names(target))
            elif isinstance(node, (ast.Try, *TRY_STAR, ast.With)):
                self.globals.update(_names_bound_in(node, self.walrus))
            self.globals.update(_names_bound_in(node, self.walrus) if isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)) else ())
        for node in defs if self.global_statements else ():
            for sub in _walk(node):
                if isinstance(sub, ast.Global):
                    self.globals.update(sub.names)
        # Imports first: the names they bind are read below. An import after module-level
        # code would make that code run without it (the IR imports first): refused.
        seen_code = None
        for node in statements:
            if isinstance(node, ast.Import):
                if seen_code is not None and any(a.name != 'asyncio' for a in node.names):
                    self.refuse('import after module-level code (move the import to the top)', node)
                self.check_import(node)
            elif _is_stdlib_from_import(node):
                if seen_code is not None:
                    self.refuse('import after module-level code (move the import to the top)', node)
                self.check_from_import(node)
            elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and seen_code is None:
                seen_code = node
        functions = [self.function(node) for node in defs]
        program_body = []
        defined_so_far = set()
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                defined_so_far.add(node.name)
                continue
            if isinstance(node, ast.Import):
                continue
            if _is_partial_import(node) or _is_dataclass_import(node) or _is_annotation_import(node) or _is_stdlib_from_import(node) \
                    or _is_contextlib_import(node):
                continue
            if isinstance(node, ast.ImportFrom):
                self.refuse_import_from(node)
            if hasattr(ast, 'Match') and isinstance(node, ast.Match):
                self.refuse('match statement at module level (match inside a function)', node)
            if not isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Pass,
                                     ast.Try, *TRY_STAR, ast.Raise, ast.Assert, ast.ClassDef, ast.With)):
                self.refuse(self.module_statement_name(node), node)
            # The IR runs module statements after every def: a statement that uses a
            # function defined below it would change meaning (NameError in Python).
            for sub in _walk(node):
                if isinstance(sub, ast.Name) and sub.id in self.functions and sub.id not in defined_so_far:
                    self.refuse('use of %s before its definition' % sub.id, sub)
            program_body.append(self.statement(node, module_level=True))
        self.check_node_types(tree)
        program = {'functions': functions, 'body': program_body}
        if self.imports:
            program['imports'] = list(self.imports)
        return program

    def check_node_types(self, tree):
        """The second layer: every node read into the IR is of a listed type. Annotations
        were dropped (they never run) and the main guard's test was flattened away.

        One walk, depth first in `ast.iter_child_nodes` order (so the first refused node is
        the one `ast.walk` would meet first): the gate runs this on every distinct program,
        and the generic helpers (`ast.walk`, `iter_child_nodes`) cost two thirds of it."""
        stack = [tree]
        pop, push = stack.pop, stack.append
        allowed = ALLOWED_NODES
        node_class = ast.AST
        node_fields = _NODE_FIELDS
        while stack:
            node = pop()
            kind = type(node)
            if kind not in allowed:
                self.refuse(REFUSED_STMTS.get(kind) or REFUSED_EXPRS.get(kind)
                            or kind.__name__ + ' node', node)
            skipped = _SKIPPED_CHILD.get(kind)
            skipped = getattr(node, skipped) if skipped is not None else None
            if kind is ast.If and not _is_main_guard(node):
                skipped = None
            fields = node_fields.get(kind)
            if fields is None:
                fields = _node_fields(kind)
            for field in fields:
                value = getattr(node, field, None)
                if isinstance(value, node_class):
                    if value is not skipped:
                        push(value)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, node_class):
                            push(item)

    def note_typing_import(self, node):
        """`import typing`, `from typing import List, Optional`, `from __future__ import annotations`:
        read and dropped, as the annotations that use them are (issue 8 item 9)."""
        if isinstance(node, ast.Import):
            self.typing_names.update(a.name for a in node.names if a.name == 'typing' and a.asname is None)
        elif _is_annotation_import(node) and node.module == 'typing':
            self.typing_names.update(a.asname or a.name for a in node.names)

    def check_from_import(self, node):
        """`from collections import deque, Counter`: each a listed function of the module, read
        (and printed) as `collections.deque`, with `import collections` (issue 8 item 9)."""
        module = node.module
        functions = 0
        for alias in node.names:
            if alias.asname is not None and alias.asname != alias.name:
                self.refuse('import of %s as %s' % (alias.name, alias.asname), node)
            if module == 'dataclasses' and alias.name == 'dataclass':
                continue  # the decorator (dataclass_names), not a function the program calls
            functions += 1
            if alias.name not in STDLIB_FUNCTIONS[module]:
                hint = STDLIB_REFUSED_HINTS.get('%s.%s' % (module, alias.name)) or self.stdlib_offer(module)
                self.refuse('import of %s.%s (%s)' % (module, alias.name, hint), node)
            self.check_binding(alias.name, node, 'import of')
            self.from_names[alias.name] = module
        if functions and module not in self.imports:
            self.imports.append(module)

    def check_not_typing(self, name, node):
        if name in self.typing_names:
            self.refuse('use of %s outside an annotation (typing is read only for annotations, which '
                        'never run; write the value without it)' % name, node)

    def check_import(self, node):
        for alias in node.names:
            if alias.name == 'functools' and alias.asname is None:
                continue  # for functools.partial only
            if alias.name == 'typing' and alias.asname is None:
                continue  # for annotations only (dropped)
            if alias.name == 'contextlib' and alias.asname is None:
                if 'contextlib' not in self.imports:
                    self.imports.append('contextlib')  # for its two decorators only (context_decorator)
                continue
            if alias.name not in IMPORTABLE:
                why = MODULE_REFUSED_HINTS.get(alias.name)
                self.refuse('import of %s (%sthe subset imports only %s)' % (
                    alias.name, why + '; ' if why else '', ', '.join(IMPORTABLE)), node)
            if alias.asname is not None and alias.asname != alias.name:
                self.refuse('import of %s as %s' % (alias.name, alias.asname), node)
            if alias.name != 'asyncio' and alias.name not in self.imports:
                self.imports.append(alias.name)

    def refuse_import_from(self, node):
        if node.module in MODULE_REFUSED_HINTS:
            self.refuse('import from %s (%s; the subset imports only %s)' % (
                node.module, MODULE_REFUSED_HINTS[node.module], ', '.join(IMPORTABLE)), node)
        self.refuse('import from %s (write `import %s` and `%s.name`; the subset imports only %s)'
                    % (node.module or '.', node.module or 'asyncio', node.module or 'asyncio',
                       ', '.join(IMPORTABLE)), node)

    def module_statement_name(self, node):
        """`try statement` is refused anywhere; `for statement at module level` only there."""
        name = self.statement_name(node)
        if type(node) in REFUSED_STMTS:
            return name
        return name + ' at module level'

    def statement_name(self, node):
        if type(node) in REFUSED_STMTS:
            return REFUSED_STMTS[type(node)]
        return {ast.For: 'for statement', ast.While: 'while statement', ast.If: 'if statement',
                ast.Return: 'return statement', ast.Break: 'break statement',
                ast.Continue: 'continue statement', ast.Pass: 'pass statement',
                ast.Import: 'import statement', ast.ImportFrom: 'import statement',
                ast.FunctionDef: 'nested def', ast.AsyncFunctionDef: 'nested def',
                ast.Global: 'global statement', ast.Nonlocal: 'nonlocal statement',
                ast.With: 'with statement', ast.AsyncWith: 'async with statement'}.get(
            type(node), type(node).__name__ + ' statement')

    def drop_annotation(self, annotation):
        if not self.drop_annotations:
            self.refuse('annotation in a program the oracle is asked to run (it runs only '
                        'programs printed from the IR)', annotation)
        self.annotation_lines.append(annotation.lineno)

    # ----------------------------------------------------------------------- names
    def check_binding(self, name, node, what):
        """A name the program binds (parameter, assignment or comprehension target) must not
        shadow a builtin or one of its functions, nor be a dunder."""
        if _is_dunder(name):
            self.refuse('%s %s (dunder names are outside the subset)' % (what, name), node)
        if name in self.functions and not self.comprehension_target:
            if what == 'assignment to':
                self.refuse('assignment to function name %s' % name, node)
            self.refuse('%s %s shadows the function %s (rename it)' % (what, name, name), node)
        if name in ('functools', 'partial') and (name in self.partial_names or 'functools.' + name in self.partial_names):
            self.refuse('%s %s shadows the import %s (rename it)' % (what, name, name), node)
        if name in self.imports:
            self.refuse('%s %s rebinds the imported module %s (rename it)' % (what, name, name), node)
        if name in self.from_names:
            self.refuse('%s %s rebinds the import %s (rename it)' % (what, name, name), node)
        if name in BUILTINS or name == 'asyncio' or name in PYTHON_BUILTINS:
            if what == 'assignment to':
                self.refuse('assignment to builtin name %s (rename the variable)' % name, node)
            self.refuse('%s %s shadows the builtin %s (rename it)' % (what, name, name), node)

    def check_readable(self, node):
        """A name read as a value resolves only to what the program itself binds."""
        name = node.id
        if _is_dunder(name):
            hint = ' (allowed only in `if __name__ == "__main__":`)' if name == '__name__' else \
                ' (dunder names are outside the subset)'
            self.refuse('name %s%s' % (name, hint), node)
        if name in self.functions:
            return  # a function as a value (issue 8 item 3)
        self.check_not_typing(name, node)
        if name in self.from_names:
            self.refuse('use of %s as a value (call it: %s(...))' % (name, name), node)
        if name == 'asyncio':
            self.refuse('use of asyncio as a value', node)
        if name == 'functools' and 'functools.partial' in self.partial_names or \
                name == 'partial' and 'partial' in self.partial_names:
            self.refuse('use of %s as a value (call functools.partial(f, ...))' % name, node)
        if name in self.imports:
            self.refuse('use of the module %s as a value' % name, node)
        if name in BUILTINS:
            self.refuse('use of builtin %s as a value' % name, node)
        if name in PYTHON_BUILTINS:
            self.refuse('builtin %s' % name, node)
        for scope in self.comprehension_scopes:
            if name in scope:
                return
        if self.locals is not None and name in self.locals:
            return
        if any(name in scope for scope in self.enclosing):
            return
        if name in self.globals:
            return
        self.refuse('name %s: the program never assigns it' % name, node)

    # ------------------------------------------------------------------- functions
    def signature(self, args):
        """`a, b=1, *args, c, d=2`: the IR's params, vararg and kwonly, and the names they
        bind. Defaults are read in the scope around the def, where they are evaluated."""
        if args.posonlyargs:
            self.refuse('positional-only parameter', args.posonlyargs[0])
        seen = set()
        every = list(args.args) + ([args.vararg] if args.vararg else []) + list(args.kwonlyargs) \
            + ([args.kwarg] if args.kwarg else [])
        for arg in every:
            self.check_binding(arg.arg, arg, 'parameter')
            seen.add(arg.arg)
            if arg.annotation is not None:
                self.drop_annotation(arg.annotation)
        first_default = len(args.args) - len(args.defaults)
        params = []
        for i, arg in enumerate(args.args):
            param = {'name': arg.arg}
            if i >= first_default:
                param['default'] = self.expr(args.defaults[i - first_default])
            params.append(param)
        extras = {}
        if args.vararg:
            extras['vararg'] = args.vararg.arg
        if args.kwonlyargs:
            kwonly = []
            for arg, default in zip(args.kwonlyargs, args.kw_defaults):
                param = {'name': arg.arg}
                if default is not None:
                    param['default'] = self.expr(default)
                kwonly.append(param)
            extras['kwonly'] = kwonly
        if args.kwarg:
            extras['kwarg'] = args.kwarg.arg
        return params, extras, seen

    def function(self, node, decorated=False):
        decorator = self.context_decorator(node) if node.decorator_list and not decorated else None
        outer_super, self.super_ok, self.pending_super = self.super_ok, self.pending_super, False
        try:
            result = self.function_body(node)
        finally:
            self.super_ok = outer_super
        if decorator is not None:
            result['decorator'] = decorator
        return result

    def function_body(self, node):
        # Defaults are evaluated where the def runs (the module, or the enclosing function).
        params, extras, seen = self.signature(node.args)
        if node.returns is not None:
            self.drop_annotation(node.returns)
        # Annotations are dropped: they never run, and do not change what a program prints.
        declared = _declared_in(node.body) if self.scope_declarations else {'global': set(), 'nonlocal': set()}
        for name in declared['nonlocal']:
            if not any(name in scope for scope in self.enclosing + ([self.locals] if self.locals is not None else [])):
                self.refuse('nonlocal %s: no enclosing function binds it' % name, node)
        local_names = set(seen)
        for stmt in node.body:
            local_names.update(_names_bound_in(stmt, self.walrus))
        local_names -= declared['global'] | declared['nonlocal']
        nested = self.locals is not None
        self.nested += nested
        self.def_kinds.append('async def' if isinstance(node, ast.AsyncFunctionDef) else 'def')
        outer_async, self.in_async = self.in_async, isinstance(node, ast.AsyncFunctionDef)
        try:
            body = self.in_scope(local_names, lambda: self.block(node.body))
        finally:
            self.nested -= nested
            self.def_kinds.pop()
            self.in_async = outer_async
        result = {'name': node.name, 'isAsync': isinstance(node, ast.AsyncFunctionDef),
                  'params': params, 'body': body, 'line': node.lineno, **extras}
        return result

    def context_decorator(self, node):
        """`@contextlib.contextmanager` on a module-level generator def, `asynccontextmanager` on
        an async one (issue 8 item 6); any other decorator is refused."""
        first = node.decorator_list[0]
        name = None
        if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name) \
                and first.value.id == 'contextlib' and 'contextlib' in self.imports:
            name = first.attr
        elif isinstance(first, ast.Name) and first.id in self.context_names:
            name = first.id
        if name not in ('contextmanager', 'asynccontextmanager') or len(node.decorator_list) > 1 \
                or self.locals is not None:
            self.refuse('decorator', first)
        is_async = isinstance(node, ast.AsyncFunctionDef)
        if (name == 'asynccontextmanager') != is_async:
            self.refuse('decorator %s on %s' % (name, 'an async def' if is_async else 'a def'), first)
        own = [n for n in _walk(node) if isinstance(n, (ast.Yield, ast.YieldFrom))]
        if not own:
            self.refuse('decorator %s on a function that never yields' % name, first)
        return name

    def in_scope(self, local_names, read):
        """Read a function body with `local_names` as its locals, the current ones enclosing it."""
        outer = self.locals
        if outer is not None:
            self.enclosing.append(outer)
        self.locals = local_names
        try:
            return read()
        finally:
            self.locals = outer
            if outer is not None:
                self.enclosing.pop()

    def lambda_(self, node):
        params, extras, seen = self.signature(node.args)
        self.nested += 1
        outer_super, self.super_ok = self.super_ok, False
        self.def_kinds.append('lambda')
        try:
            value = self.in_scope(set(seen), lambda: self.expr(node.body))
        finally:
            self.nested -= 1
            self.super_ok = outer_super
            self.def_kinds.pop()
        return {'kind': 'lambda', 'def': {'name': '<lambda>', 'isAsync': False, 'params': params,
                                          'body': [{'kind': 'return', 'value': value}], **extras}}

    # ------------------------------------------------------------------ statements
    def block(self, nodes, module_level=False):
        return [self.statement(n, module_level) for n in nodes]

    def statement(self, node, module_level=False):
        line = node.lineno
        if isinstance(node, ast.Expr):
            return {'kind': 'expr', 'expr': self.expr(node.value), 'line': line}
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                self.refuse('chained assignment', node)
            value = self.expr(node.value)
            return {'kind': 'assign', 'target': self.target(node.targets[0]), 'value': value, 'line': line}
        if isinstance(node, ast.AnnAssign):
            if node.value is None or not isinstance(node.target, ast.Name):
                self.refuse('annotated declaration without a value' if node.value is None
                            else 'annotated assignment to this target', node)
            self.drop_annotation(node.annotation)
            value = self.expr(node.value)
            return {'kind': 'assign', 'target': self.target(node.target), 'value': value, 'line': line}
        if isinstance(node, ast.Pass):
            return {'kind': 'pass', 'line': line}
        if isinstance(node, ast.AugAssign):
            if not isinstance(node.target, (ast.Name, ast.Subscript, ast.Attribute)):
                self.refuse('augmented assignment target', node.target)
            target = self.target(node.target)
            if isinstance(node.target, ast.Name):
                self.check_readable(node.target)
            return {'kind': 'augAssign', 'target': target, 'op': self.bin_op(node.op, node),
                    'value': self.expr(node.value), 'line': line}
        if hasattr(ast, 'Match') and isinstance(node, ast.Match):
            if module_level:
                self.refuse('match statement at module level (match inside a function)', node)
            return self.match(node)
        if isinstance(node, (ast.Try, *TRY_STAR, ast.Raise, ast.Assert)):
            return self.exception_statement(node, module_level)
        if isinstance(node, ast.ClassDef):
            if not module_level:
                self.refuse('class definition inside a function (define the class at module level)', node)
            return {'kind': 'class', 'def': self.class_def(node), 'line': line}
        if module_level and isinstance(node, ast.With):  # `with asyncio.Runner() as runner:`
            return self.with_statement(node, module_level)
        if module_level:
            self.refuse(self.module_statement_name(node), node)
        if isinstance(node, ast.Return):
            stmt = {'kind': 'return', 'line': line}
            if node.value is not None:
                stmt['value'] = self.expr(node.value)
            return stmt
        if isinstance(node, ast.If):
            return {'kind': 'if', 'test': self.expr(node.test), 'body': self.block(node.body),
                    'orelse': self.block(node.orelse), 'line': line}
        if isinstance(node, ast.For):
            if node.orelse:
                self.refuse('else of for statement', node.orelse[0])
            self.consumed.add(id(node.iter))
            iterable = self.expr(node.iter)
            return {'kind': 'for', 'target': self.target(node.target), 'iter': iterable,
                    'body': self.block(node.body), 'line': line}
        if isinstance(node, ast.AsyncFor):
            return self.async_for(node)
        if isinstance(node, ast.While):
            if node.orelse:
                self.refuse('else of while statement', node.orelse[0])
            return {'kind': 'while', 'test': self.expr(node.test), 'body': self.block(node.body),
                    'line': line}
        if isinstance(node, (ast.With, ast.AsyncWith)):
            return self.with_statement(node)
        if isinstance(node, ast.Delete):
            for t in node.targets:
                if not isinstance(t, (ast.Subscript, ast.Attribute)):
                    self.refuse('del of %s (only del d[k] / del xs[i] / del xs[a:b] / del obj.attr)' % type(t).__name__.lower(), t)
            return {'kind': 'delete', 'targets': [self.target(t) for t in node.targets], 'line': line}
        if isinstance(node, ast.Break):
            return {'kind': 'break', 'line': line}
        if isinstance(node, ast.Continue):
            return {'kind': 'continue', 'line': line}
        if isinstance(node, ast.Pass):
            return {'kind': 'pass', 'line': line}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.check_binding(node.name, node, 'nested def')
            return {'kind': 'def', 'def': self.function(node), 'line': line}
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                self.check_binding(name, node, '%s name' % ('global' if isinstance(node, ast.Global) else 'nonlocal'))
            return {'kind': 'global' if isinstance(node, ast.Global) else 'nonlocal',
                    'names': list(node.names), 'line': line}
        if isinstance(node, ast.Import):
            if all(a.name in IMPORTABLE for a in node.names):
                self.refuse('import inside a function (import %s at the top of the file)'
                            % ', '.join(a.name for a in node.names), node)
            self.check_import(node)
        if isinstance(node, ast.ImportFrom):
            self.refuse_import_from(node)
        self.refuse(self.statement_name(node), node)

    # ------------------------------------------------------------------ match
    def match(self, node):
        """`match subject: case ...` as an if/elif chain (see _match_subject_name)."""
        subject = _match_subject_name(node)
        self.check_binding(subject, node, 'assignment to')
        subject_expr = {'kind': 'name', 'id': subject}
        branches = []
        for k, case in enumerate(node.cases):
            captures = []
            conditions = self.pattern(case.pattern, subject_expr, captures)
            if len(set(captures)) != len(captures):
                self.refuse('name bound twice in one pattern', case.pattern)
            if case.guard is not None:
                conditions.append(self.expr(case.guard))
            if k == 0:
                conditions.insert(0, _ir_bind(subject, self.expr(node.subject)))
            branches.append((case, conditions))
        orelse = []
        for k in range(len(branches) - 1, -1, -1):
            case, conditions = branches[k]
            body = self.block(case.body)
            if not conditions:  # an irrefutable last case: `case _:`
                orelse = body
                continue
            line = node.lineno if k == 0 else case.pattern.lineno
            orelse = [{'kind': 'if', 'test': _ir_and(conditions), 'body': body, 'orelse': orelse, 'line': line}]
        return orelse[0]

    def pattern(self, p, path, captures):
        """The tests (a list, all must hold) of pattern `p` on the value `path`; captures bind last."""
        if isinstance(p, ast.MatchValue):
            return [{'kind': 'compare', 'left': path, 'ops': ['=='], 'comparators': [self.expr(p.value)]}]
        if isinstance(p, ast.MatchSingleton):
            value = {'kind': 'none'} if p.value is None else {'kind': 'bool', 'value': p.value}
            return [{'kind': 'compare', 'left': path, 'ops': ['is'], 'comparators': [value]}]
        if isinstance(p, ast.MatchAs):
            tests = [] if p.pattern is None else self.pattern(p.pattern, path, captures)
            if p.name is not None:
                self.check_binding(p.name, p, 'capture')
                captures.append(p.name)
                tests.append(_ir_bind(p.name, path))
            return tests
        if isinstance(p, ast.MatchOr):
            alternatives = []
            names = None
            for alt in p.patterns:
                bound = []
                alternatives.append(_ir_and(self.pattern(alt, path, bound)))
                if names is not None and set(bound) != names:
                    self.refuse('alternative patterns bind different names', alt)
                names = set(bound)
            captures.extend(sorted(names or ()))
            return [{'kind': 'boolOp', 'op': 'or', 'values': alternatives}]
        if isinstance(p, ast.MatchSequence):
            return self.sequence_pattern(p, path, captures)
        if isinstance(p, ast.MatchMapping):
            return self.mapping_pattern(p, path, captures)
        if isinstance(p, ast.MatchClass):
            name = p.cls.id if isinstance(p.cls, ast.Name) else None
            if name not in MATCH_SELF_CLASSES:
                self.refuse('class pattern %s() (the subset matches only the builtin classes %s)'
                            % (ast.unparse(p.cls), ', '.join(sorted(MATCH_SELF_CLASSES))), p.cls)
            if p.kwd_patterns or len(p.patterns) > 1:
                self.refuse('class pattern %s() with %s (a builtin class takes one positional sub-pattern)'
                            % (name, 'keywords' if p.kwd_patterns else 'several sub-patterns'), p)
            tests = [_ir_isinstance(path, [name])]
            if p.patterns:
                tests += self.pattern(p.patterns[0], path, captures)
            return tests
        self.refuse('pattern %s' % type(p).__name__, p)

    def sequence_pattern(self, p, path, captures):
        stars = [k for k, sub in enumerate(p.patterns) if isinstance(sub, ast.MatchStar)]
        n = len(p.patterns)
        tests = [_ir_isinstance(path, SEQUENCE_TYPES)]
        if not stars:
            tests.append(_ir_len_is(path, '==', n))
        else:
            tests.append(_ir_len_is(path, '>=', n - 1))
        star = stars[0] if stars else n
        after = n - star - 1
        binds = []
        for k, sub in enumerate(p.patterns):
            if k == star:
                if sub.name is not None:
                    self.check_binding(sub.name, sub, 'capture')
                    captures.append(sub.name)
                    upper = {'upper': {'kind': 'unaryOp', 'op': '-', 'operand': {'kind': 'int', 'value': after}}} \
                        if after > 0 else {}
                    rest = {'kind': 'builtin', 'func': 'list', 'keywords': [], 'args': [
                        {'kind': 'subscript', 'value': path,
                         'index': {'kind': 'slice', 'lower': {'kind': 'int', 'value': star}, **upper}}]}
                    binds.append(_ir_bind(sub.name, rest))
                continue
            index = {'kind': 'int', 'value': k} if k < star else \
                {'kind': 'unaryOp', 'op': '-', 'operand': {'kind': 'int', 'value': n - k}}
            item_tests = self.pattern(sub, {'kind': 'subscript', 'value': path, 'index': index}, captures)
            tests += [t for t in item_tests]
        return tests + binds

    def mapping_pattern(self, p, path, captures):
        tests = [_ir_isinstance(path, ['dict'])]
        keys = []
        for key, sub in zip(p.keys, p.patterns):
            key_expr = self.expr(key)
            keys.append(key_expr)
            tests.append({'kind': 'compare', 'left': key_expr, 'ops': ['in'], 'comparators': [path]})
            tests += self.pattern(sub, {'kind': 'subscript', 'value': path, 'index': key_expr}, captures)
        if p.rest is not None:
            self.check_binding(p.rest, p, 'capture')
            captures.append(p.rest)
            item = {'kind': 'tuple', 'elts': [{'kind': 'name', 'id': '_key'}, {'kind': 'name', 'id': '_value'}]}
            rest = {'kind': 'dictComp', 'key': {'kind': 'name', 'id': '_key'}, 'value': {'kind': 'name', 'id': '_value'},
                    'generators': [{'target': item, 'iter': {'kind': 'method', 'object': path, 'method': 'items',
                                                              'args': [], 'keywords': []},
                                    'ifs': [{'kind': 'compare', 'left': {'kind': 'name', 'id': '_key'},
                                             'ops': ['not in'], 'comparators': [{'kind': 'tuple', 'elts': keys}]}]}]}
            tests.append(_ir_bind(p.rest, rest))
        return tests
    def with_statement(self, node, module_level=False):
        """`with EXPR [as TARGET], ...:` / `async with ...:` inside a function (issue 9); the
        target binds like an assignment. `async with` outside an `async def` is CPython's
        SyntaxError, refused here so the oracle never compiles it."""
        is_async = isinstance(node, ast.AsyncWith)
        if is_async and not self.in_async:
            self.refuse('async with outside an async function', node)
        items = []
        for item in node.items:
            entry = {'context': self.expr(item.context_expr)}
            if item.optional_vars is not None:
                entry['target'] = self.target(item.optional_vars)
            items.append(entry)
        return {'kind': 'with', 'isAsync': is_async, 'items': items, 'body': self.block(node.body, module_level),
                'line': node.lineno}

    # ------------------------------------------------------------------ exceptions
    def exception_statement(self, node, module_level):
        """`try`/`except`/`else`/`finally`, `raise [X [from Y]]`, `assert test[, msg]`."""
        line = node.lineno
        if isinstance(node, ast.Assert):
            stmt = {'kind': 'assert', 'test': self.expr(node.test), 'line': line}
            if node.msg is not None:
                stmt['msg'] = self.expr(node.msg)
            return stmt
        if isinstance(node, ast.Raise):
            if node.exc is None:
                if self.handler_depth == 0:
                    self.refuse('bare raise outside an except handler (name the exception: '
                                '`except ValueError as e: ... raise e`)', node)
                return {'kind': 'raise', 'line': line}
            stmt = {'kind': 'raise', 'exc': self.expr(node.exc), 'line': line}
            if node.cause is not None:
                stmt['cause'] = self.expr(node.cause)
            return stmt
        star = isinstance(node, TRY_STAR)
        body = self.block(node.body, module_level)
        handlers = []
        for handler in node.handlers:
            if star:
                _refuse_jumps_in_except_star(self, handler.body)
            item = {'body': None, 'line': handler.lineno}
            if handler.type is not None:
                item['type'] = self.expr(handler.type)
            if handler.name is not None:
                self.check_binding(handler.name, handler, 'assignment to')
                item['name'] = handler.name
            self.handler_depth += 1
            try:
                item['body'] = self.block(handler.body, module_level)
            finally:
                self.handler_depth -= 1
            handlers.append(item)
        stmt = {'kind': 'try', 'body': body, 'handlers': handlers,
                'orelse': self.block(node.orelse, module_level),
                'finalbody': self.block(node.finalbody, module_level), 'line': line}
        if star:
            stmt['star'] = True
        return stmt

    # ------------------------------------------------------------------ classes
    def class_def(self, node):
        """`class Name(Base):` at module level: class attributes and methods (issue 8 item 2)."""
        spelling, options = self.dataclass_decorator(node)
        if node.keywords:
            self.refuse('class keyword argument %s= (metaclasses are outside the subset)' % node.keywords[0].arg,
                        node.keywords[0])
        if len(node.bases) > 1:
            self.refuse('multiple inheritance (one base class at most)', node.bases[1])
        cls = {'name': node.name, 'body': [], 'line': node.lineno}
        if spelling is not None:
            cls['dataclass'] = spelling
        if options:
            cls['dataclassOptions'] = options
        named_tuple = self.named_tuple_base(node.bases[0]) if node.bases else None
        if named_tuple is not None:
            if spelling is not None:
                self.refuse('@dataclass on a NamedTuple class', node.decorator_list[0])
            cls['namedTuple'] = named_tuple
        elif node.bases:
            base = node.bases[0]
            name = self.exception_class(base)
            if name is not None:
                cls['base'] = {'kind': 'excClass', 'name': name}
            elif isinstance(base, ast.Name) and base.id == 'object':
                pass  # `class C(object):` is `class C:`
            elif isinstance(base, ast.Name) and base.id in self.classes:
                cls['base'] = {'kind': 'name', 'id': base.id}
            else:
                self.refuse('base class %s (a base is a class defined above, or an exception class)'
                            % ast.unparse(base), base)
        body = list(node.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]  # docstring
        attributes = set()
        properties = set()
        for item in body:
            cls['body'].append(self.class_member(item, attributes, properties, spelling is not None or named_tuple is not None))
        self.classes.add(node.name)
        return cls

    def named_tuple_base(self, base):
        """`NamedTuple` (imported from typing) or `typing.NamedTuple` as a class's base, else None."""
        if isinstance(base, ast.Name) and base.id == 'NamedTuple' and 'NamedTuple' in self.typing_names:
            return 'NamedTuple'
        if isinstance(base, ast.Attribute) and base.attr == 'NamedTuple' and isinstance(base.value, ast.Name) \
                and base.value.id == 'typing' and 'typing' in self.typing_names:
            return 'typing.NamedTuple'
        return None

    def dataclass_decorator(self, node):
        """`@dataclass` / `@dataclasses.dataclass` as imported, with its `order=`/`frozen=`/`eq=`
        options as constants (`{'order': True}`), else (None, None); any other decorator is refused."""
        if not node.decorator_list:
            return None, None
        d = node.decorator_list[0]
        if len(node.decorator_list) > 1:
            self.refuse('class decorator', node.decorator_list[1])
        options = {}
        if isinstance(d, ast.Call) and self.dataclass_spelling(d.func) is not None:
            if d.args:
                self.refuse('positional argument of the dataclass decorator', d.args[0])
            for kw in d.keywords:
                if kw.arg not in DATACLASS_OPTIONS:
                    self.refuse('dataclass option %s= (the subset reads %s)' % (
                        kw.arg, ', '.join(o + '=' for o in DATACLASS_OPTIONS)), kw.value if kw.arg is None else kw)
                if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, bool)):
                    self.refuse('dataclass option %s= other than True or False' % kw.arg, kw.value)
                options[kw.arg] = kw.value.value
            d = d.func
        spelling = self.dataclass_spelling(d)
        if spelling is None:
            self.refuse('class decorator', d)
        if options.get('order') and options.get('eq') is False:
            self.refuse('dataclass order=True with eq=False (CPython raises ValueError)', node.decorator_list[0])
        return spelling, options

    def dataclass_spelling(self, d):
        if isinstance(d, ast.Name) and d.id == 'dataclass' and 'dataclass' in self.dataclass_names:
            return 'dataclass'
        if isinstance(d, ast.Attribute) and d.attr == 'dataclass' and isinstance(d.value, ast.Name) \
                and d.value.id == 'dataclasses' and 'dataclasses.dataclass' in self.dataclass_names:
            return 'dataclasses.dataclass'
        return None

    def class_member(self, item, attributes, properties, dataclass=False):
        line = item.lineno
        if isinstance(item, ast.Pass):
            return {'kind': 'pass', 'line': line}
        if isinstance(item, (ast.Assign, ast.AnnAssign)):
            target = item.targets[0] if isinstance(item, ast.Assign) else item.target
            if isinstance(item, ast.Assign) and len(item.targets) != 1:
                self.refuse('chained assignment', item)
            if not isinstance(target, ast.Name):
                self.refuse('class attribute target (a class body assigns names)', target)
            field = dataclass and isinstance(item, ast.AnnAssign)
            if field:
                # A field: its annotation is never read (printed as `object`, the only one the gate lets run).
                ann = item.annotation
                if not self.drop_annotations and not (isinstance(ann, ast.Name) and ann.id == 'object'):
                    self.refuse('annotation of a dataclass field other than `object` in a program the oracle is '
                                'asked to run', ann)
                if self.drop_annotations:
                    self.annotation_lines.append(ann.lineno)
            elif isinstance(item, ast.AnnAssign):
                if item.value is None:
                    self.refuse('annotated class attribute without a value (outside a @dataclass)', item)
                self.drop_annotation(item.annotation)
            if _is_dunder(target.id):
                self.refuse('class attribute %s (dunder names are outside the subset)' % target.id, target)
            member = {'kind': 'attr', 'name': target.id, 'line': line}
            if field:
                member['annotated'] = True
            if item.value is not None:
                for sub in _walk(item.value):
                    if isinstance(sub, ast.Name) and sub.id in attributes:
                        self.refuse('name %s read in a class body (it is a class attribute: write the value '
                                    'itself)' % sub.id, sub)
                member['value'] = self.expr(item.value)
            attributes.add(target.id)
            return member
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = item.name
            if _is_dunder(name) and name not in CLASS_DUNDERS:
                self.refuse('method %s (the dunders a class may define: %s)' % (name, ', '.join(sorted(CLASS_DUNDERS))), item)
            decorator = None
            if len(item.decorator_list) > 1:
                self.refuse('more than one decorator', item.decorator_list[1])
            if item.decorator_list:
                d = item.decorator_list[0]
                if isinstance(d, ast.Name) and d.id in METHOD_DECORATORS:
                    decorator = d.id
                elif isinstance(d, ast.Attribute) and d.attr == 'setter' and isinstance(d.value, ast.Name) \
                        and d.value.id == name and name in properties:
                    decorator = 'setter'
                else:
                    self.refuse('decorator %s (a method may be @staticmethod, @classmethod, @property or '
                                '@<property>.setter)' % ast.unparse(d), d)
            if decorator == 'property':
                properties.add(name)
            self.pending_super = decorator != 'staticmethod' and len(item.args.args) > 0
            method = {'kind': 'method', 'def': self.function(item, decorated=True), 'line': line}
            if decorator is not None:
                method['decorator'] = decorator
            attributes.add(name)
            return method
        if isinstance(item, ast.ClassDef):
            self.refuse('nested class (define the class at module level)', item)
        if isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant) and isinstance(item.value.value, str):
            self.refuse('string statement in a class body after its docstring', item)
        self.refuse('%s in a class body (a class body assigns attributes and defines methods)'
                    % self.statement_name(item), item)

    def check_attribute_name(self, name, node, label=None):
        """`obj.name` where obj may be anything: never a name that reaches CPython's internals."""
        if name in DATETIME_UNPORTED and 'datetime' in self.imports:
            self.refuse('%s (of datetime objects the subset reads now(), the fields, replace, time, isoformat, '
                        'strftime, total_seconds, days, seconds, microseconds and the operators)'
                        % (label or 'attribute .%s' % name), node)
        hint = ASYNCIO_REFUSED_HINTS.get(name)
        if hint:  # an asyncio method outside the subset (run_in_executor, ...), whatever the object
            self.refuse('%s (%s)' % (label or 'attribute .%s' % name, hint), node)
        if name in INTERNAL_ATTRIBUTES:
            self.refuse('%s (an attribute of coroutines, frames, functions, Tasks or event loops: outside '
                        'the subset)' % (label or 'attribute .%s' % name), node)
        if name in BUILTIN_VALUE_ATTRIBUTES:
            self.refuse(label or 'attribute .%s (an attribute of a builtin value outside the subset)' % name, node)

    def super_attribute(self, node):
        """`super().name`: only in a method's own body (CPython finds the class through it)."""
        call = node.value
        if not self.super_ok:
            self.refuse('super() outside a method (or in a nested function, a lambda or a staticmethod)', call)
        if _is_dunder(node.attr) and node.attr not in CLASS_DUNDERS:
            self.refuse('attribute .%s of super() (dunder attributes are outside the subset)' % node.attr, node)
        return {'kind': 'attr', 'object': {'kind': 'super'}, 'name': node.attr}

    def exception_class(self, node):
        """The exception class `node` names (`ValueError`, `asyncio.CancelledError`), or None."""
        if isinstance(node, ast.Name) and node.id in EXCEPTION_NAMES:
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == 'asyncio' and node.attr in ASYNCIO_EXCEPTIONS:
            return 'asyncio.' + node.attr
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == 'dataclasses' \
                and 'dataclasses' in self.imports and node.attr == 'FrozenInstanceError':
            return 'dataclasses.FrozenInstanceError'
        return None

    def attribute(self, node):
        """`asyncio.CancelledError`, `type(x).__name__`, `e.args`, `e.__cause__`, `e.__context__`."""
        name = self.exception_class(node)
        if name is not None:
            return {'kind': 'excClass', 'name': name}
        value = node.value
        if node.attr == '__name__' and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
                and value.func.id == 'type':
            if len(value.args) != 1 or value.keywords or isinstance(value.args[0], ast.Starred):
                self.refuse('type() with %d arguments' % len(value.args), value)
            return {'kind': 'typeName', 'value': self.expr(value.args[0])}
        if isinstance(value, ast.Name) and value.id == 'asyncio' and node.attr in ASYNCIO_CONSTANTS:
            return {'kind': 'str', 'value': node.attr}
        if node.attr in EXCEPTION_ATTRS and not (isinstance(value, ast.Name) and value.id == 'asyncio'):
            return {'kind': 'excAttr', 'object': self.expr(value), 'attr': node.attr}
        return None

    def exception_call(self, node):
        """`ValueError('bad', 3)`, `asyncio.CancelledError()`, `isinstance(x, T)`; else None."""
        func = node.func
        name = self.exception_class(func)
        if name is not None:
            if node.keywords:
                self.refuse('keyword argument %s= of %s' % (node.keywords[0].arg, name), node.keywords[0])
            return {'kind': 'excCall', 'name': name, 'args': [self.element(a) for a in node.args]}
        if isinstance(func, ast.Name) and func.id == 'isinstance':
            if len(node.args) != 2 or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
                self.refuse('isinstance() with other than two positional arguments', node)
            return {'kind': 'isinstance', 'value': self.expr(node.args[0]), 'types': self.expr(node.args[1])}
        if isinstance(func, ast.Name) and func.id == 'type':
            self.refuse('type() (only `type(x).__name__` is in the subset)', node)
        return None

    def target(self, node):
        if isinstance(node, ast.Name):
            self.check_assignable(node)
            return {'kind': 'name', 'id': node.id}
        if isinstance(node, ast.Subscript):
            return {'kind': 'subscript', 'value': self.expr(node.value), 'index': self.index(node)}
        if isinstance(node, (ast.Tuple, ast.List)):
            elts = []
            for e in node.elts:
                if isinstance(e, ast.Starred):
                    elts.append({'kind': 'starred', 'target': self.target(e.value)})
                else:
                    elts.append(self.target(e))
            return {'kind': 'tuple', 'elts': elts}
        if isinstance(node, ast.Starred):
            self.refuse('starred assignment target', node)
        if isinstance(node, ast.Attribute):
            if _is_super_call(node.value):
                self.refuse('assignment to an attribute of super()', node)
            if _is_dunder(node.attr):
                self.refuse('assignment to attribute .%s (dunder attributes are outside the subset)' % node.attr, node)
            if isinstance(node.value, ast.Name) and (node.value.id == 'asyncio' or node.value.id in self.imports):
                self.refuse('assignment to %s.%s' % (node.value.id, node.attr), node)
            self.check_attribute_name(node.attr, node)
            return {'kind': 'attr', 'object': self.expr(node.value), 'name': node.attr}
        self.refuse('assignment target', node)

    def check_assignable(self, node):
        self.check_binding(node.id, node, 'assignment to')

    # ----------------------------------------------------------------- expressions
    def expr(self, node):
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name) and node.id in EXCEPTION_NAMES:
            return {'kind': 'excClass', 'name': node.id}
        if isinstance(node, ast.Name) and node.id == '__file__' and self.file_path is not None:
            self.file_lines.append(node.lineno)
            return {'kind': 'str', 'value': self.file_path}
        # `print` too: the oracle's recording print looks like the builtin (worker.py builtin_function_or_method).
        if isinstance(node, ast.Name) and node.id in BUILTINS and not self.is_variable(node.id):
            return {'kind': 'builtinValue', 'name': node.id}
        if isinstance(node, ast.Name):
            self.check_readable(node)
            return {'kind': 'name', 'id': node.id}
        if isinstance(node, ast.List):
            return {'kind': 'list', 'elts': [self.element(e) for e in node.elts]}
        if isinstance(node, ast.Tuple):
            return {'kind': 'tuple', 'elts': [self.element(e) for e in node.elts]}
        if isinstance(node, ast.BinOp):
            return {'kind': 'binOp', 'op': self.bin_op(node.op, node), 'left': self.expr(node.left),
                    'right': self.expr(node.right)}
        if isinstance(node, ast.UnaryOp):
            op = UNARY_OPS.get(type(node.op))
            if op is None:
                self.refuse('operator ~', node)
            return {'kind': 'unaryOp', 'op': op, 'operand': self.expr(node.operand)}
        if isinstance(node, ast.BoolOp):
            return {'kind': 'boolOp', 'op': 'and' if isinstance(node.op, ast.And) else 'or',
                    'values': [self.expr(v) for v in node.values]}
        if isinstance(node, ast.Compare):
            return {'kind': 'compare', 'left': self.expr(node.left),
                    'ops': [CMP_OPS[type(op)] for op in node.ops],
                    'comparators': [self.expr(c) for c in node.comparators]}
        if isinstance(node, ast.IfExp):
            return {'kind': 'ifExp', 'test': self.expr(node.test), 'body': self.expr(node.body),
                    'orelse': self.expr(node.orelse)}
        if isinstance(node, ast.Subscript):
            return {'kind': 'subscript', 'value': self.expr(node.value), 'index': self.index(node)}
        if isinstance(node, ast.ListComp):
            return self.list_comp(node)
        if isinstance(node, ast.JoinedStr):
            return {'kind': 'fstring', 'parts': self.fstring_parts(node)}
        if isinstance(node, ast.Await):
            outer, self.awaited = self.awaited, node.value  # `await anext(agen(...))`: check_anext_argument
            try:
                return {'kind': 'await', 'value': self.expr(node.value)}
            finally:
                self.awaited = outer
        if isinstance(node, (ast.Dict, ast.Set, ast.DictComp, ast.SetComp, ast.NamedExpr)):
            return self.container(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Lambda):
            return self.lambda_(node)
        if isinstance(node, (ast.GeneratorExp, ast.Yield, ast.YieldFrom)):
            return self.iteration_expr(node)
        if isinstance(node, ast.Starred):
            self.refuse('starred expression here', node)
        if isinstance(node, ast.Attribute):
            if _is_super_call(node.value):
                return self.super_attribute(node)
            known = self.attribute(node)
            if known is not None:
                return known
            if _is_dunder(node.attr) and node.attr != '__name__':  # `cls.__name__`, `f.__name__`: a str
                self.refuse('attribute .%s (dunder attributes are outside the subset)' % node.attr, node)
            if isinstance(node.value, ast.Name) and node.value.id == 'asyncio':
                self.refuse('asyncio.%s' % node.attr, node)
            if isinstance(node.value, ast.Name) and node.value.id in self.imports:
                module = node.value.id
                if node.attr not in STDLIB_CONSTANTS[module]:
                    self.refuse('%s.%s as a value (%s)' % (module, node.attr, self.stdlib_offer(module)), node)
                return {'kind': 'stdlibConst', 'module': module, 'name': node.attr}
            if isinstance(node.value, ast.Name) and node.value.id == 'functools':
                self.refuse('attribute .%s' % node.attr, node)  # only functools.partial(...) is called
            self.check_attribute_name(node.attr, node)
            return {'kind': 'attr', 'object': self.expr(node.value), 'name': node.attr}
        if type(node) in REFUSED_EXPRS:
            self.refuse(REFUSED_EXPRS[type(node)], node)
        self.refuse(type(node).__name__ + ' expression', node)

    def element(self, node):
        """An element of a list/tuple literal or a call argument: `*xs` allowed."""
        if isinstance(node, ast.Starred):
            return {'kind': 'starred', 'value': self.expr(node.value)}
        return self.expr(node)

    def constant(self, node):
        value = node.value
        if value is None:
            return {'kind': 'none'}
        if isinstance(value, bool):
            return {'kind': 'bool', 'value': value}
        if isinstance(value, int):
            if abs(value) > MAX_SAFE_INTEGER:
                self.refuse('integer literal beyond 2**53', node)
            return {'kind': 'int', 'value': value}
        if isinstance(value, float):
            if value != value or value in (float('inf'), float('-inf')):
                self.refuse('float literal %r' % value, node)
            return {'kind': 'float', 'value': value}
        if isinstance(value, str):
            return {'kind': 'str', 'value': value}
        if isinstance(value, bytes):
            self.refuse('bytes literal', node)
        if isinstance(value, complex):
            self.refuse('complex literal', node)
        if value is Ellipsis:
            self.refuse('... (Ellipsis)', node)
        self.refuse('constant %r' % (value,), node)

    def bin_op(self, op, node):
        name = BIN_OPS.get(type(op))
        if name is None:
            self.refuse('operator %s' % OTHER_BIN_OPS.get(type(op), type(op).__name__), node)
        return name

    def index(self, subscript):
        s = subscript.slice
        if isinstance(s, ast.Slice):
            part = {'kind': 'slice'}
            for field, name in ((s.lower, 'lower'), (s.upper, 'upper'), (s.step, 'step')):
                if field is not None:
                    part[name] = self.expr(field)
            return part
        return self.expr(s)

    def container(self, node):
        """dict/set displays and comprehensions, and `(name := value)`."""
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if key is None:
                    self.refuse('** unpacking in a dict display', node)
            return {'kind': 'dict', 'keys': [self.expr(k) for k in node.keys],
                    'values': [self.expr(v) for v in node.values]}
        if isinstance(node, ast.Set):
            return {'kind': 'set', 'elts': [self.element(e) for e in node.elts]}
        if isinstance(node, ast.NamedExpr):
            if not isinstance(node.target, ast.Name):
                self.refuse('assignment expression target', node.target)
            self.check_binding(node.target.id, node.target, 'assignment to')
            value = self.expr(node.value)
            return {'kind': 'namedExpr', 'target': node.target.id, 'value': value}
        return self.list_comp(node)

    def list_comp(self, node):
        """Python gives a comprehension its own scope: its targets are visible in the element,
        the conditions and the later iterables; the first iterable is read outside it."""
        scope = set()
        generators = []
        for gen in node.generators:
            self.consumed.add(id(gen.iter))
        first_iter = self.expr(node.generators[0].iter)  # before the comprehension's scope opens
        self.comprehension_scopes.append(scope)
        try:
            for i, gen in enumerate(node.generators):
                if gen.is_async and (isinstance(node, ast.GeneratorExp) or self.def_kind() != 'async def'):
                    self.refuse('async comprehension outside an async def' if not isinstance(node, ast.GeneratorExp)
                                else 'async generator expression (write an async def generator)', gen.target)
                iterable = first_iter if i == 0 else self.expr(gen.iter)
                # PEP 530's `[await fun() for fun in funcs]`: a comprehension's target lives in
                # the comprehension's own scope, so it may shadow a module-level def there.
                self.comprehension_target = True
                try:
                    target = self.target(gen.target)
                finally:
                    self.comprehension_target = False
                scope.update(_bound_names(gen.target))
                generators.append({'target': target, 'iter': iterable,
                                   'ifs': [self.expr(c) for c in gen.ifs]})
                if gen.is_async:
                    generators[-1]['isAsync'] = True
            if isinstance(node, ast.DictComp):
                elt = (self.expr(node.key), self.expr(node.value))
            else:
                elt = self.expr(node.elt)
        finally:
            self.comprehension_scopes.pop()
        if isinstance(node, ast.DictComp):
            return {'kind': 'dictComp', 'key': elt[0], 'value': elt[1], 'generators': generators}
        if isinstance(node, ast.SetComp):
            return {'kind': 'setComp', 'elt': elt, 'generators': generators}
        if isinstance(node, ast.GeneratorExp):
            return {'kind': 'genExp', 'elt': elt, 'generators': generators}
        return {'kind': 'listComp', 'elt': elt, 'generators': generators}

    # ------------------------------------------------------------------ iteration
    def def_kind(self):
        """'def', 'async def' or 'lambda' for the innermost function being read; None at module level."""
        return self.def_kinds[-1] if self.def_kinds else None

    def async_for(self, node):
        """`async for target in iter:` (issue 8 item 5), only in an `async def`."""
        if self.def_kind() != 'async def':
            self.refuse('async for outside an async def', node)
        if node.orelse:
            self.refuse('else of async for statement', node.orelse[0])
        iterable = self.expr(node.iter)
        return {'kind': 'for', 'target': self.target(node.target), 'iter': iterable,
                'body': self.block(node.body), 'line': node.lineno, 'isAsync': True}

    def iteration_expr(self, node):
        """Generator expressions, `yield`, `yield from` (issue 8 item 5)."""
        if isinstance(node, ast.GeneratorExp):
            for sub in _walk(node):
                if isinstance(sub, ast.Await):
                    self.refuse('await inside a generator expression (an async generator expression; '
                                'write an async def generator)', sub)
            self.consumed.add(id(node))
            return self.list_comp(node)
        kind = self.def_kind()
        what = 'yield' if isinstance(node, ast.Yield) else 'yield from'
        if kind is None:
            self.refuse('%s outside a function' % what, node)
        if kind == 'lambda' or self.comprehension_scopes:
            self.refuse('%s inside a lambda or a comprehension' % what, node)
        if isinstance(node, ast.YieldFrom):
            if kind == 'async def':
                self.refuse('yield from inside an async def', node)
            return {'kind': 'yieldFrom', 'value': self.expr(node.value)}
        if node.value is None:
            return {'kind': 'yield'}
        return {'kind': 'yield', 'value': self.expr(node.value)}

    def fstring_parts(self, node):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                if parts and isinstance(parts[-1], str):
                    parts[-1] += value.value
                else:
                    parts.append(value.value)
                continue
            # ast.FormattedValue
            if value.conversion not in CONVERSIONS:
                self.refuse('conversion !%s' % chr(value.conversion), value)
            part = {'value': self.expr(value.value)}
            if CONVERSIONS[value.conversion] is not None:
                part['conversion'] = CONVERSIONS[value.conversion]
            if value.format_spec is not None:
                spec = value.format_spec
                if not all(isinstance(v, ast.Constant) for v in spec.values):
                    self.refuse('nested format spec', spec)
                part['spec'] = ''.join(v.value for v in spec.values)
            parts.append(part)
        return parts

    def format_call(self, node):
        """`format(value)` / `format(value, 'spec')` is the f-string field `{value:spec}`
        (what f-strings call); the spec must be a string literal."""
        if node.keywords:
            self.refuse('keyword argument %s= of format' % node.keywords[0].arg, node.keywords[0])
        if not 1 <= len(node.args) <= 2 or any(isinstance(a, ast.Starred) for a in node.args):
            self.refuse('format() with %d arguments' % len(node.args), node)
        part = {'value': self.expr(node.args[0])}
        if len(node.args) == 2:
            spec = node.args[1]
            if not (isinstance(spec, ast.Constant) and isinstance(spec.value, str)):
                self.refuse('format() spec that is not a string literal', spec)
            part['spec'] = spec.value
        return {'kind': 'fstring', 'parts': [part]}

    def call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == FORMAT_BUILTIN:
            return self.format_call(node)
        if self.is_partial(func):
            return self.partial_call(node)
        known = self.exception_call(node)
        if known is not None:
            return known
        self.check_consumed(node)
        if isinstance(func, ast.Name):
            self.check_not_typing(func.id, func)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            self.check_not_typing(func.value.id, func.value)
        args = [self.element(a) for a in node.args]
        if isinstance(func, ast.Attribute) and func.attr == 'from_iterable' and (
                isinstance(func.value, ast.Attribute) and func.value.attr == 'chain'
                and isinstance(func.value.value, ast.Name) and func.value.value.id == 'itertools'
                and 'itertools' in self.imports
                or isinstance(func.value, ast.Name) and self.from_names.get(func.value.id) == 'itertools'
                and func.value.id == 'chain'):
            return self.stdlib_call(node, 'itertools', 'chain.from_iterable', args)
        if isinstance(func, ast.Attribute) and func.attr == 'now' and (
                isinstance(func.value, ast.Attribute) and func.value.attr == 'datetime'
                and isinstance(func.value.value, ast.Name) and func.value.value.id == 'datetime'
                and 'datetime' in self.imports and 'datetime' not in self.from_names
                or isinstance(func.value, ast.Name) and func.value.id == 'datetime'
                and self.from_names.get('datetime') == 'datetime'):
            return self.stdlib_call(node, 'datetime', 'datetime.now', args)
        if isinstance(func, ast.Attribute) and func.attr == 'strftime' and 'datetime' in self.imports:
            self.check_strftime(node)
        if isinstance(func, ast.Name) and func.id in self.from_names:
            return self.stdlib_call(node, self.from_names[func.id], func.id, args)
        if isinstance(func, ast.Name):
            name = func.id
            if name in self.functions and not any(name in scope for scope in self.comprehension_scopes):
                kind, allowed = 'call', None
            elif name in BUILTINS:
                kind, allowed = 'builtin', BUILTIN_KEYWORDS.get(name, set())
                if name == 'anext' and node.args and isinstance(node.args[0], ast.Call):
                    self.check_anext_argument(node)
            elif self.is_variable(name):
                kind, allowed = 'callValue', None
            else:
                self.refuse('call of %s' % name, func)
            label = name
        elif isinstance(func, ast.Attribute) and _is_super_call(func.value):
            kind, allowed, label = 'callValue', None, 'super().' + func.attr
        elif isinstance(func, ast.Attribute):
            if _is_dunder(func.attr):
                self.refuse('method .%s() (dunder attributes are outside the subset)' % func.attr, func)
            if isinstance(func.value, ast.Name) and func.value.id == 'asyncio':
                name = func.attr
                if name not in ASYNCIO_FUNCTIONS:
                    hint = ASYNCIO_REFUSED_HINTS.get(name)
                    self.refuse('call of asyncio.%s%s' % (name, ' (%s)' % hint if hint else ''), func)
                if name in ASYNCIO_MAX_ARGS and any(isinstance(a, ast.Starred) for a in node.args):
                    self.refuse('*arguments of asyncio.%s' % name, node)
                if name in ASYNCIO_MAX_ARGS and len(node.args) + len(node.keywords) > ASYNCIO_MAX_ARGS[name]:
                    self.refuse('asyncio.%s with %d arguments (it takes at most %d)'
                                % (name, len(node.args) + len(node.keywords), ASYNCIO_MAX_ARGS[name]), node)
                kind, allowed, label = 'asyncio', ASYNCIO_KEYWORDS.get(name, set()), 'asyncio.' + name
            elif isinstance(func.value, ast.Name) and func.value.id in self.imports:
                return self.stdlib_call(node, func.value.id, func.attr, args)
            else:
                name = func.attr
                if name not in METHODS:
                    self.check_attribute_name(name, func, 'method .%s()' % name)
                    kind, allowed, label = 'callValue', None, '.' + name  # a user method (issue 8 item 2)
                elif name == 'format':
                    self.check_format_template(func.value)
                if name in METHODS:
                    kind, allowed, label = 'method', METHOD_KEYWORDS.get(name, set()), '.' + name
                    if name == 'replace' and 'datetime' in self.imports:
                        allowed = DATETIME_REPLACE_KEYWORDS  # datetime.replace(year=...): str.replace takes none
        else:
            kind, allowed, label = 'callValue', None, 'a value'
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                if kind in ('call', 'callValue'):
                    keywords.append({'name': '**', 'value': self.expr(kw.value)})
                    continue
                self.refuse('**arguments of %s (only calls of your own functions unpack a dict with **)'
                            % label, kw)
            if _is_dunder(kw.arg):
                self.refuse('keyword argument %s= (dunder names are outside the subset)' % kw.arg, kw)
            if allowed is not None and kw.arg not in allowed and label not in ANY_KEYWORDS:
                self.refuse('keyword argument %s= of %s' % (kw.arg, label), kw)
            keywords.append({'name': kw.arg, 'value': self.expr(kw.value)})
        if kind == 'call':
            return {'kind': 'call', 'func': name, 'args': args, 'keywords': keywords}
        if kind == 'builtin':
            return {'kind': 'builtin', 'func': name, 'args': args, 'keywords': keywords}
        if kind == 'callValue':
            return {'kind': 'callValue', 'func': self.expr(func), 'args': args, 'keywords': keywords}
        if kind == 'asyncio':
            if name in ASYNCIO_ARITY:
                low, high = ASYNCIO_ARITY[name]
                given = len(args) + len(keywords)
                if any(a['kind'] == 'starred' for a in args) or not low <= given <= high:
                    self.refuse('asyncio.%s with %d arguments (it takes %s)' % (
                        name, given, low if low == high else '%d to %d' % (low, high)), func)
            if name == 'run' and self.nested > 0:
                self.refuse('asyncio.run inside a nested function or lambda', func)
            return {'kind': 'asyncio', 'func': name, 'args': args, 'keywords': keywords}
        return {'kind': 'method', 'object': self.expr(func.value), 'method': name, 'args': args,
                'keywords': keywords}

    def check_strftime(self, node):
        """`dt.strftime('%H:%M:%S')`: a literal format whose directives the port gives their C-locale meaning."""
        if len(node.args) != 1 or node.keywords or not (isinstance(node.args[0], ast.Constant)
                                                        and isinstance(node.args[0].value, str)):
            self.refuse('strftime without one literal format string', node)
        text = node.args[0].value
        k = 0
        while k < len(text):
            if text[k] == '%':
                d = text[k + 1:k + 2]
                if d not in STRFTIME_DIRECTIVES or d == '':
                    self.refuse('strftime directive %%%s (the subset reads %%%s)' % (
                        d, ', %'.join(sorted(STRFTIME_DIRECTIVES))), node.args[0])
                k += 2
            else:
                k += 1

    def is_partial(self, func):
        if isinstance(func, ast.Name):
            return func.id == 'partial' and 'partial' in self.partial_names
        return isinstance(func, ast.Attribute) and func.attr == 'partial' and isinstance(func.value, ast.Name) \
            and func.value.id == 'functools' and 'functools.partial' in self.partial_names

    def partial_call(self, node):
        """`functools.partial(f, *args, **keywords)`: the IR's `partial`, printed as `functools.partial`."""
        if not node.args or isinstance(node.args[0], ast.Starred):
            self.refuse('functools.partial without a function as its first argument', node)
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                self.refuse('**arguments of functools.partial (dicts are outside the subset: pass keyword '
                            'arguments by name)', kw)
            if _is_dunder(kw.arg):
                self.refuse('keyword argument %s= (dunder names are outside the subset)' % kw.arg, kw)
            keywords.append({'name': kw.arg, 'value': self.expr(kw.value)})
        return {'kind': 'partial', 'func': self.expr(node.args[0]),
                'args': [self.element(a) for a in node.args[1:]], 'keywords': keywords}
    def check_consumed(self, node):
        """map/filter/reversed only where their object is consumed at once (ADDRESS_ITERATORS);
        mark the arguments this call consumes."""
        func = node.func
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.consumed.add(id(arg.value))
        if isinstance(func, ast.Name) and func.id in ITER_CONSUMERS and not self.is_variable(func.id):
            self.consumed.update(id(a) for a in node.args)
        if isinstance(func, ast.Attribute) and func.attr in ITER_CONSUMING_METHODS:
            self.consumed.update(id(a) for a in node.args)
        if isinstance(func, ast.Name) and func.id in ADDRESS_ITERATORS and not self.is_variable(func.id) \
                and id(node) not in self.consumed:
            self.refuse('%s() here: CPython prints its object by address (consume it at once: '
                        'list(%s(...)), sorted(), sum(), a for loop...)' % (func.id, func.id), node)

    def check_format_template(self, template):
        """`template.format(...)`: a string literal whose fields name an argument, never an
        attribute or an item of one (`{0.attr}`, `{0[k]}` would reach any object's members)."""
        if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
            self.refuse('str.format on a template that is not a string literal', template)
        pending = [template.value]
        try:
            while pending:
                for _literal, field, spec, _conversion in _string.formatter_parser(pending.pop()):
                    if field is not None and ('.' in field or '[' in field):
                        self.refuse('str.format field {%s} (attribute and index access in fields are '
                                    'outside the subset)' % field, template)
                    if spec:
                        pending.append(spec)
        except ValueError:
            pass  # a malformed template: CPython raises when the call runs, and so does the port

    def stdlib_offer(self, module):
        names = sorted(STDLIB_FUNCTIONS[module]) + sorted(STDLIB_CONSTANTS[module])
        return 'the subset has %s.%s' % (module, ', %s.'.join(names) % ((module,) * (len(names) - 1)))

    def check_anext_argument(self, node):
        """`anext(f(...))`: the async generator f returns may be a temporary the anext awaitable
        alone holds. CPython finalizes it when that reference goes (refcounting: its aclose() runs
        in a task of its own two iterations later); the port does so for `await anext(agen(...))`
        with `agen` a module-level async generator function (transpile/emit.ts isAnextOfTemporary).
        Anything else whose result may be such a temporary is refused: the port cannot tell when
        CPython would drop it."""
        inner = node.args[0]
        func = inner.func
        if isinstance(func, ast.Name) and func.id in self.classes:
            return  # an instance of a user class: no finalizer the program can see
        fresh = (isinstance(func, ast.Name) and isinstance(self.functions.get(func.id), ast.AsyncFunctionDef)
                 and not self.functions[func.id].decorator_list and _yields_itself(self.functions[func.id])
                 and not any(func.id in scope for scope in self.comprehension_scopes))
        if fresh and self.awaited is node and not node.keywords:
            return
        self.refuse('anext() of a temporary that may be an async generator %s (CPython finalizes it when its last '
                    'reference goes; bind it to a name first: g = %s; ... await anext(g))'
                    % ('not awaited at once' if fresh else 'returned by this call', ast.unparse(inner)), inner)

    def stdlib_call(self, node, module, name, args):
        """`time.sleep(1)`: a listed function of an imported module, its argument count and
        keywords checked here (CPython's arity messages are never needed at run time)."""
        label = '%s.%s' % (module, name)
        spec = STDLIB_FUNCTIONS[module].get(name)
        if spec is None:
            hint = STDLIB_REFUSED_HINTS.get(label) or self.stdlib_offer(module)
            self.refuse('call of %s (%s)' % (label, hint), node.func)
        low, high, keyword_names = spec
        if any(a['kind'] == 'starred' for a in args):
            self.refuse('*arguments of %s' % label, node)
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                self.refuse('**arguments of %s' % label, kw)
            if kw.arg not in keyword_names:
                self.refuse('keyword argument %s= of %s' % (kw.arg, label), kw)
            keywords.append({'name': kw.arg, 'value': self.expr(kw.value)})
        given = len(args) + sum(1 for k in keywords if k['name'] == 'k')  # sample(xs, k=2)
        if given < low or (high is not None and given > high) or \
                (label == 'random.sample' and given != 2):
            self.refuse('%s with %d argument%s' % (label, given, '' if given == 1 else 's'), node)
        if label == 'random.seed' and node.args[0].__class__ is ast.Constant and node.args[0].value is None:
            self.refuse('random.seed(None) (seeds from the OS: no run could reproduce it)', node)
        return {'kind': 'stdlib', 'module': module, 'func': name, 'args': args, 'keywords': keywords}

    def is_variable(self, name):
        return name in self.globals or (self.locals is not None and name in self.locals) or \
            any(name in scope for scope in self.comprehension_scopes) or \
            any(name in scope for scope in self.enclosing)


def _is_super_call(node):
    """`super()` with no arguments (the only form the subset reads)."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'super' \
        and not node.args and not node.keywords


def _bound_names(target):
    """The names an assignment target binds (`a`, `a, (b, c)`; a subscript binds none)."""
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        names = set()
        for element in target.elts:
            names |= _bound_names(element)
        return names
    if isinstance(target, ast.Starred):
        return _bound_names(target.value)
    return set()


def _names_bound_in(stmt, walrus=True):
    """The locals a function statement binds (Python: every name it assigns anywhere in
    its body; comprehension targets have their own scope). `walrus`: False when the tree
    has no `:=` (Importer.walrus), so no expression needs a walk for one."""
    names = set()
    stack = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Assign):
            for target in node.targets:
                names |= _bound_names(target)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            names |= _bound_names(node.target)
        elif isinstance(node, ast.NamedExpr):
            names |= _bound_names(node.target)
        elif isinstance(node, ast.ExceptHandler) and node.name is not None:
            names.add(node.name)
        elif hasattr(ast, 'Match') and isinstance(node, ast.Match):
            names |= _match_bound_names(node)
            stack.extend(stmt for case in node.cases for stmt in case.body)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    names |= _bound_names(item.optional_vars)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)  # a def binds its name; its body is a scope of its own
            continue
        if isinstance(node, _STATEMENTS):
            for field in _statement_fields(type(node)):  # the statements and handlers among its children, in order
                value = getattr(node, field, None)
                if isinstance(value, list):
                    stack.extend([child for child in value if isinstance(child, _STATEMENTS)])
                elif isinstance(value, _STATEMENTS):
                    stack.append(value)
            for child in _child_nodes(node) if walrus else ():  # `(n := ...)` binds in the enclosing function
                if isinstance(child, ast.expr):
                    names |= {sub.target.id for sub in _walk(child)
                              if isinstance(sub, ast.NamedExpr) and isinstance(sub.target, ast.Name)}
    return names


def _is_dataclass_import(node):
    """`from dataclasses import dataclass`: read as the decorator `@dataclass`."""
    return isinstance(node, ast.ImportFrom) and node.module == 'dataclasses' and node.level == 0 and \
        ('dataclass', None) in [(a.name, a.asname) for a in node.names]


# ---------------------------------------------------------------------- match (issue 8 item 4)
# A `match` is read as the if/elif chain CPython's compiler makes of it: the subject is
# evaluated once into a hidden local (`_subject<line>`), each case's pattern becomes a test
# on it, captures bind with `:=` once their checks passed, and the guard follows them. The IR
# (and so the program the oracle runs) holds that chain; what it prints is what the match prints.

# Builtin classes whose pattern `C(x)` matches the subject itself (Py_TPFLAGS for MATCH_SELF).
MATCH_SELF_CLASSES = frozenset(['bool', 'dict', 'float', 'frozenset', 'int', 'list', 'set', 'str', 'tuple'])
# What a sequence pattern accepts (collections.abc.Sequence among the subset's types: not str).
SEQUENCE_TYPES = ('list', 'tuple', 'range')


def _match_subject_name(node):
    return '_subject%d' % node.lineno


def _match_bound_names(node):
    """The hidden subject and every capture of a match statement: locals of its function."""
    names = {_match_subject_name(node)}
    for case in node.cases:
        for sub in _walk(case.pattern):
            if isinstance(sub, (ast.MatchAs, ast.MatchStar)) and sub.name is not None:
                names.add(sub.name)
            elif isinstance(sub, ast.MatchMapping) and sub.rest is not None:
                names.add(sub.rest)
    return names


def _ir_true():
    return {'kind': 'bool', 'value': True}


def _ir_and(conditions):
    if not conditions:
        return _ir_true()
    return conditions[0] if len(conditions) == 1 else {'kind': 'boolOp', 'op': 'and', 'values': conditions}


def _ir_bind(name, value):
    """`((name := value), True)[1]`: binds and is true."""
    return {'kind': 'subscript', 'value': {'kind': 'tuple', 'elts': [
        {'kind': 'namedExpr', 'target': name, 'value': value}, _ir_true()]}, 'index': {'kind': 'int', 'value': 1}}


def _ir_isinstance(value, names):
    types = [{'kind': 'builtinValue', 'name': n} for n in names]
    return {'kind': 'isinstance', 'value': value,
            'types': types[0] if len(types) == 1 else {'kind': 'tuple', 'elts': types}}


def _ir_len_is(value, op, n):
    return {'kind': 'compare', 'left': {'kind': 'builtin', 'func': 'len', 'args': [value], 'keywords': []},
            'ops': [op], 'comparators': [{'kind': 'int', 'value': n}]}


def _is_contextlib_import(node):
    """`from contextlib import contextmanager, asynccontextmanager` (either or both, not renamed)."""
    return isinstance(node, ast.ImportFrom) and node.module == 'contextlib' and node.level == 0 and \
        all(a.name in ('contextmanager', 'asynccontextmanager') and a.asname is None for a in node.names)


def _refuse_jumps_in_except_star(importer, body):
    """CPython's compiler refuses `return`, `break` and `continue` in an except* handler
    (outside nested defs and loops of their own): refused here, before the oracle compiles it."""
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Return, ast.Break, ast.Continue)):
            importer.refuse("%s in an except* block (CPython: 'break', 'continue' and 'return' cannot "
                            "appear in an except* block)" % type(node).__name__.lower(), node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        stack.extend(child for child in _child_nodes(node) if isinstance(child, ast.stmt))


def _is_partial_import(node):
    """`from functools import partial`: the one `from` import the subset reads."""
    return isinstance(node, ast.ImportFrom) and node.module == 'functools' and node.level == 0 and \
        [(a.name, a.asname) for a in node.names] == [('partial', None)]


def _is_stdlib_from_import(node):
    """`from collections import deque` (a module of STDLIB_FUNCTIONS; its names are checked when read)."""
    return isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in STDLIB_FUNCTIONS \
        and all(a.name != '*' for a in node.names)


def _is_annotation_import(node):
    """`from typing import ...` (star aside) or `from __future__ import annotations`: names for
    annotations only, dropped with them."""
    if not isinstance(node, ast.ImportFrom) or node.level != 0:
        return False
    if node.module == '__future__':
        return [(a.name, a.asname) for a in node.names] == [('annotations', None)]
    return node.module == 'typing' and all(a.name != '*' for a in node.names)


def _declared_in(body):
    """The names a function body declares `global` and `nonlocal` (not in nested defs)."""
    declared = {'global': set(), 'nonlocal': set()}
    stack = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Global):
            declared['global'].update(node.names)
        elif isinstance(node, ast.Nonlocal):
            declared['nonlocal'].update(node.names)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        stack.extend(child for child in _child_nodes(node) if isinstance(child, ast.stmt))
    return declared


BOM = '\ufeff'


def import_source(source, filename='prog.py', drop_annotations=True, tree=None):
    """Return the IR Program dict; raise SyntaxError or Unsupported.

    A leading UTF-8 BOM is dropped, as `python3 FILE.py` drops it. Annotations never reach
    the IR; when some were dropped, `header.notes` says where."""
    if source.startswith(BOM):
        source = source[1:]
    if tree is None:
        tree = ast.parse(source, filename=filename)
    importer = Importer(source, drop_annotations, filename)
    program = importer.module(tree)
    notes = []
    if importer.annotation_lines:
        notes.append('type annotations dropped (they never run): line%s %s' % _lines_text(importer.annotation_lines))
    if importer.file_lines:
        notes.append('__file__ is the path python3 gives it, %s: line%s %s'
                     % ((importer.file_path,) + _lines_text(importer.file_lines)))
    if notes:
        program['header'] = {'notes': notes}
    return program


def _lines_text(lines):
    text = ', '.join(str(n) for n in sorted(set(lines)))
    return 's' if ',' in text else '', text


def _error_response(source, filename, drop_annotations=True, tree=None):
    """None when `source` is in the subset, else the worker's error dict."""
    try:
        import_source(source, filename, drop_annotations, tree)
        return None
    except SyntaxError as e:
        return {'kind': 'syntax', 'message': e.msg, 'line': e.lineno or 0, 'col': e.offset or 0}
    except ValueError as e:  # NUL bytes in the source
        return {'kind': 'syntax', 'message': str(e), 'line': 0, 'col': 0}
    except Unsupported as e:
        return {'kind': 'unsupported', 'message': str(e), 'line': e.line, 'col': e.col}
    except RecursionError:
        return {'kind': 'unsupported', 'message': 'unsupported nesting depth', 'line': 0, 'col': 0}


def handle_import(source, filename):
    """The worker's `import` op: a response dict without its id."""
    try:
        return {'ok': True, 'program': import_source(source, filename)}
    except (SyntaxError, ValueError, Unsupported, RecursionError):
        return {'ok': False, 'error': _error_response(source, filename)}


_checked = {}
_CHECKED_MAX = 1024


def check_source(source, filename='prog.py', tree=None):
    """The worker's gate before it runs anything: None when `source` is inside the subset
    (what ir/python.ts prints always is), else the error dict. Cached by source text: the
    pool runs the same printed program many times (shrinking, timing checks). `tree`: the
    source already parsed (the worker compiles that same tree)."""
    key = (source, filename)
    if key in _checked:
        return _checked[key]
    if source.startswith(BOM):  # compile() would not take it: never the printer's output
        error = {'kind': 'unsupported', 'message': 'unsupported byte order mark in a program to run',
                 'line': 1, 'col': 1}
    else:
        error = _error_response(source, filename, drop_annotations=False, tree=tree)
    if len(_checked) >= _CHECKED_MAX:
        _checked.clear()
    _checked[key] = error
    return error
