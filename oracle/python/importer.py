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
import _string

# Keep in step with ir/program.ts (BUILTINS, ASYNCIO_FUNCTIONS, METHODS).
BUILTINS = frozenset([
    'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
    'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip',
    'dict', 'set', 'frozenset',
    'any', 'all', 'divmod', 'reversed', 'isinstance', 'hash', 'chr', 'ord', 'map', 'filter',
])
ASYNCIO_FUNCTIONS = frozenset(['run', 'sleep', 'create_task', 'gather', 'current_task', 'all_tasks',
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
    # locks, events, conditions, semaphores, barriers, queues, timeouts, task groups (issue 9)
    'acquire', 'release', 'locked', 'set', 'is_set', 'wait', 'wait_for', 'notify', 'notify_all',
    'put', 'put_nowait', 'get_nowait', 'qsize', 'empty', 'full', 'task_done', 'reset', 'abort',
    'reschedule', 'when', 'expired', 'create_task',
])
# Keep in step with ir/program.ts (STDLIB_MODULES, STDLIB_FUNCTIONS, STDLIB_CONSTANTS): the
# modules a program may import besides asyncio, each listed function with the positional
# argument counts it accepts (min, max; None: any) and its keywords, and the constants.
STDLIB_FUNCTIONS = {
    'time': {'time': (0, 0, ()), 'monotonic': (0, 0, ()), 'perf_counter': (0, 0, ()),
             'sleep': (1, 1, ())},
    'random': {'seed': (1, 1, ()), 'random': (0, 0, ()), 'randint': (2, 2, ()),
               'randrange': (1, 3, ()), 'uniform': (2, 2, ()), 'choice': (1, 1, ()),
               'shuffle': (1, 1, ()), 'sample': (1, 2, ('k',)), 'getrandbits': (1, 1, ())},
    'math': {'floor': (1, 1, ()), 'ceil': (1, 1, ()), 'sqrt': (1, 1, ()),
             'isclose': (2, 2, ('rel_tol', 'abs_tol')), 'gcd': (0, None, ()), 'fabs': (1, 1, ()),
             'pow': (2, 2, ())},
}
STDLIB_CONSTANTS = {'time': frozenset(), 'random': frozenset(),
                    'math': frozenset(['pi', 'e', 'tau', 'inf', 'nan'])}
IMPORTABLE = ('asyncio', 'functools') + tuple(sorted(STDLIB_FUNCTIONS))
# What the program may not call, and why (the hint of the refusal).
# asyncio calls that stay out (issue 9), and why (the hint of the refusal).
ASYNCIO_REFUSED_HINTS = dict.fromkeys(
    ['open_connection', 'start_server', 'open_unix_connection', 'start_unix_server', 'StreamReader',
     'StreamWriter'], 'streams and sockets are outside the subset')
ASYNCIO_REFUSED_HINTS.update(dict.fromkeys(
    ['create_subprocess_exec', 'create_subprocess_shell'], 'subprocesses are outside the subset'))
ASYNCIO_REFUSED_HINTS.update(dict.fromkeys(
    ['to_thread', 'run_coroutine_threadsafe', 'wrap_future'], 'threads and executors are outside the subset'))
STDLIB_REFUSED_HINTS = {
    'random.gauss': 'its log/cos/sin are libm\'s, not yet ported bit for bit',
    'math.log': 'libm\'s log is not yet ported bit for bit', 'math.exp': 'libm\'s exp is not yet ported bit for bit',
    'math.sin': 'libm\'s sin is not yet ported bit for bit', 'math.cos': 'libm\'s cos is not yet ported bit for bit',
}

# Keyword arguments a call may pass (user functions take any keyword).
BUILTIN_KEYWORDS = {'print': {'sep', 'end'}, 'sorted': {'reverse', 'key'}, 'enumerate': {'start'},
                    'sum': {'start'}, 'round': {'ndigits'}, 'min': {'key', 'default'},
                    'max': {'key', 'default'}}
# Builtins that take any keyword argument (`dict(a=1)`), and methods (`d.update(a=1)`).
ANY_KEYWORDS = frozenset(['dict', '.update'])
ASYNCIO_KEYWORDS = {'gather': {'return_exceptions'}, 'create_task': {'name'}, 'sleep': {'result'},
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
    ast.With, ast.AsyncWith, ast.withitem,  # context managers (issue 9, see with_statement())
    ast.TryStar,  # except* (issue 9, see exception_statement())
])

# Every name Python would find in builtins: a program may not bind one (a parameter `print`
# would turn `print(...)` into a call of whatever the caller passed) nor read one that the
# subset does not list (`exec`, `open`, `getattr`, `globals`...).
PYTHON_BUILTINS = frozenset(dir(builtins))

# `format(value, spec)` is how ir/python.ts spells an f-string field it cannot print inside
# an f-string (quotes or braces in the spec): read back as that field, never as a builtin.
FORMAT_BUILTIN = 'format'


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
    def __init__(self, source, drop_annotations=True):
        # The worker's gate runs the very text it checks: there an annotation is refused
        # instead of dropped (printed IR never has one).
        self.drop_annotations = drop_annotations
        self.source_lines = source.splitlines()
        self.functions = {}  # name -> ast def node
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
        self.in_async = False  # whether the function being read is an `async def` (async with)

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
        defs = []
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name in self.functions:
                    self.refuse('redefinition of %s' % node.name, node)
                if node.name in BUILTINS or node.name == 'asyncio' or node.name in PYTHON_BUILTINS:
                    self.refuse('redefinition of builtin %s (rename the function)' % node.name, node)
                if node.name in STDLIB_FUNCTIONS:
                    self.refuse('function named %s (a module the subset imports; rename it)' % node.name, node)
                if _is_dunder(node.name):
                    self.refuse('function name %s (dunder names are outside the subset)' % node.name, node)
                self.functions[node.name] = node
                defs.append(node)
        for node in statements:
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    self.globals.update(_bound_names(target))
            elif isinstance(node, (ast.Try, ast.TryStar)):
                self.globals.update(_names_bound_in(node))
            self.globals.update(_names_bound_in(node) if isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)) else ())
        for node in defs:
            for sub in ast.walk(node):
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
            if _is_partial_import(node):
                continue
            if isinstance(node, ast.ImportFrom):
                self.refuse_import_from(node)
            if not isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Pass,
                                     ast.Try, ast.TryStar, ast.Raise, ast.Assert)):
                self.refuse(self.module_statement_name(node), node)
            # The IR runs module statements after every def: a statement that uses a
            # function defined below it would change meaning (NameError in Python).
            for sub in ast.walk(node):
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
            for field in kind._fields:
                value = getattr(node, field, None)
                if isinstance(value, node_class):
                    if value is not skipped:
                        push(value)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, node_class):
                            push(item)

    def check_import(self, node):
        for alias in node.names:
            if alias.name == 'functools' and alias.asname is None:
                continue  # for functools.partial only
            if alias.name not in IMPORTABLE:
                self.refuse('import of %s (the subset imports only %s)' % (alias.name, ', '.join(IMPORTABLE)), node)
            if alias.asname is not None and alias.asname != alias.name:
                self.refuse('import of %s as %s' % (alias.name, alias.asname), node)
            if alias.name != 'asyncio' and alias.name not in self.imports:
                self.imports.append(alias.name)

    def refuse_import_from(self, node):
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
        if name in self.functions:
            if what == 'assignment to':
                self.refuse('assignment to function name %s' % name, node)
            self.refuse('%s %s shadows the function %s (rename it)' % (what, name, name), node)
        if name in ('functools', 'partial') and (name in self.partial_names or 'functools.' + name in self.partial_names):
            self.refuse('%s %s shadows the import %s (rename it)' % (what, name, name), node)
        if name in self.imports:
            self.refuse('%s %s rebinds the imported module %s (rename it)' % (what, name, name), node)
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
        if args.kwarg:
            self.refuse('**%s parameter (dicts are outside the subset: name the keyword '
                        'parameters, or take *args)' % args.kwarg.arg, args.kwarg)
        seen = set()
        every = list(args.args) + ([args.vararg] if args.vararg else []) + list(args.kwonlyargs)
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
        return params, extras, seen

    def function(self, node):
        if node.decorator_list:
            self.refuse('decorator', node.decorator_list[0])
        # Defaults are evaluated where the def runs (the module, or the enclosing function).
        params, extras, seen = self.signature(node.args)
        if node.returns is not None:
            self.drop_annotation(node.returns)
        # Annotations are dropped: they never run, and do not change what a program prints.
        declared = _declared_in(node.body)
        for name in declared['nonlocal']:
            if not any(name in scope for scope in self.enclosing + ([self.locals] if self.locals is not None else [])):
                self.refuse('nonlocal %s: no enclosing function binds it' % name, node)
        local_names = set(seen)
        for stmt in node.body:
            local_names.update(_names_bound_in(stmt))
        local_names -= declared['global'] | declared['nonlocal']
        nested = self.locals is not None
        self.nested += nested
        outer_async, self.in_async = self.in_async, isinstance(node, ast.AsyncFunctionDef)
        try:
            body = self.in_scope(local_names, lambda: self.block(node.body))
        finally:
            self.nested -= nested
            self.in_async = outer_async
        return {'name': node.name, 'isAsync': isinstance(node, ast.AsyncFunctionDef),
                'params': params, 'body': body, 'line': node.lineno, **extras}

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
        try:
            value = self.in_scope(set(seen), lambda: self.expr(node.body))
        finally:
            self.nested -= 1
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
            if not isinstance(node.target, (ast.Name, ast.Subscript)):
                self.refuse('augmented assignment target', node.target)
            target = self.target(node.target)
            if isinstance(node.target, ast.Name):
                self.check_readable(node.target)
            return {'kind': 'augAssign', 'target': target, 'op': self.bin_op(node.op, node),
                    'value': self.expr(node.value), 'line': line}
        if isinstance(node, (ast.Try, ast.TryStar, ast.Raise, ast.Assert)):
            return self.exception_statement(node, module_level)
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
        if isinstance(node, ast.While):
            if node.orelse:
                self.refuse('else of while statement', node.orelse[0])
            return {'kind': 'while', 'test': self.expr(node.test), 'body': self.block(node.body),
                    'line': line}
        if isinstance(node, (ast.With, ast.AsyncWith)):
            return self.with_statement(node)
        if isinstance(node, ast.Delete):
            for t in node.targets:
                if not isinstance(t, ast.Subscript):
                    self.refuse('del of %s (only del d[k] / del xs[i] / del xs[a:b])' % type(t).__name__.lower(), t)
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

    def with_statement(self, node):
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
        return {'kind': 'with', 'isAsync': is_async, 'items': items, 'body': self.block(node.body),
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
        star = isinstance(node, ast.TryStar)
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

    def exception_class(self, node):
        """The exception class `node` names (`ValueError`, `asyncio.CancelledError`), or None."""
        if isinstance(node, ast.Name) and node.id in EXCEPTION_NAMES:
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id == 'asyncio' and node.attr in ASYNCIO_EXCEPTIONS:
            return 'asyncio.' + node.attr
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
            self.refuse('assignment to attribute .%s' % node.attr, node)
        self.refuse('assignment target', node)

    def check_assignable(self, node):
        self.check_binding(node.id, node, 'assignment to')

    # ----------------------------------------------------------------- expressions
    def expr(self, node):
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name) and node.id in EXCEPTION_NAMES:
            return {'kind': 'excClass', 'name': node.id}
        # `print` stays out: the oracle runs its own print, whose repr is not CPython's.
        if isinstance(node, ast.Name) and node.id in BUILTINS and node.id != 'print' and not self.is_variable(node.id):
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
            return {'kind': 'await', 'value': self.expr(node.value)}
        if isinstance(node, (ast.Dict, ast.Set, ast.DictComp, ast.SetComp, ast.NamedExpr)):
            return self.container(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Lambda):
            return self.lambda_(node)
        if isinstance(node, ast.Starred):
            self.refuse('starred expression here', node)
        if isinstance(node, ast.Attribute):
            known = self.attribute(node)
            if known is not None:
                return known
            if _is_dunder(node.attr):
                self.refuse('attribute .%s (dunder attributes are outside the subset)' % node.attr, node)
            if isinstance(node.value, ast.Name) and node.value.id == 'asyncio':
                self.refuse('asyncio.%s' % node.attr, node)
            if isinstance(node.value, ast.Name) and node.value.id in self.imports:
                module = node.value.id
                if node.attr not in STDLIB_CONSTANTS[module]:
                    self.refuse('%s.%s as a value (%s)' % (module, node.attr, self.stdlib_offer(module)), node)
                return {'kind': 'stdlibConst', 'module': module, 'name': node.attr}
            self.refuse('attribute .%s' % node.attr, node)
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
                if gen.is_async:
                    self.refuse('async comprehension', gen.target)
                iterable = first_iter if i == 0 else self.expr(gen.iter)
                target = self.target(gen.target)
                scope.update(_bound_names(gen.target))
                generators.append({'target': target, 'iter': iterable,
                                   'ifs': [self.expr(c) for c in gen.ifs]})
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
        return {'kind': 'listComp', 'elt': elt, 'generators': generators}

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
        args = [self.element(a) for a in node.args]
        if isinstance(func, ast.Name):
            name = func.id
            if name in self.functions:
                kind, allowed = 'call', None
            elif name in BUILTINS:
                kind, allowed = 'builtin', BUILTIN_KEYWORDS.get(name, set())
            elif self.is_variable(name):
                kind, allowed = 'callValue', None
            else:
                self.refuse('call of %s' % name, func)
            label = name
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
                    self.refuse('method .%s()' % name, func)
                if name == 'format':
                    self.check_format_template(func.value)
                kind, allowed, label = 'method', METHOD_KEYWORDS.get(name, set()), '.' + name
        else:
            kind, allowed, label = 'callValue', None, 'a value'
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                hint = ' (dicts are outside the subset: pass keyword arguments by name)' \
                    if kind in ('call', 'callValue') else ''
                self.refuse('**arguments of %s%s' % (label, hint), kw)
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
            if name == 'run' and self.nested > 0:
                self.refuse('asyncio.run inside a nested function or lambda', func)
            return {'kind': 'asyncio', 'func': name, 'args': args, 'keywords': keywords}
        return {'kind': 'method', 'object': self.expr(func.value), 'method': name, 'args': args,
                'keywords': keywords}

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


def _names_bound_in(stmt):
    """The locals a function statement binds (Python: every name it assigns anywhere in
    its body; comprehension targets have their own scope)."""
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
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    names |= _bound_names(item.optional_vars)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)  # a def binds its name; its body is a scope of its own
            continue
        if isinstance(node, (ast.stmt, ast.ExceptHandler)):
            stack.extend(child for child in ast.iter_child_nodes(node)
                         if isinstance(child, (ast.stmt, ast.ExceptHandler)))
            for child in ast.iter_child_nodes(node):  # `(n := ...)` binds in the enclosing function
                if isinstance(child, ast.expr):
                    names |= {sub.target.id for sub in ast.walk(child)
                              if isinstance(sub, ast.NamedExpr) and isinstance(sub.target, ast.Name)}
    return names


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
        stack.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt))


def _is_partial_import(node):
    """`from functools import partial`: the one `from` import the subset reads."""
    return isinstance(node, ast.ImportFrom) and node.module == 'functools' and node.level == 0 and \
        [(a.name, a.asname) for a in node.names] == [('partial', None)]


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
        stack.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt))
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
    importer = Importer(source, drop_annotations)
    program = importer.module(tree)
    if importer.annotation_lines:
        lines = ', '.join(str(n) for n in sorted(set(importer.annotation_lines)))
        program['header'] = {'notes': ['type annotations dropped (they never run): line%s %s'
                                       % ('s' if ',' in lines else '', lines)]}
    return program


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
