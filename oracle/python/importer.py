"""Reads a tutorial-style asyncio `.py` file into the program IR of ir/program.ts.

Parses with CPython's own `ast` (never executes the file) and refuses, with the exact
line and 1-based column, anything outside the IR's subset:
`{"kind": "unsupported", "message": "unsupported <construct>", "line": L, "col": C}`.

Stdlib only. The IR is plain dicts/lists that `json` writes as ir/program.ts spells it.
"""

import ast

# Keep in step with ir/program.ts (BUILTINS, ASYNCIO_FUNCTIONS, METHODS).
BUILTINS = frozenset([
    'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
    'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip',
])
ASYNCIO_FUNCTIONS = frozenset(['run', 'sleep', 'create_task', 'gather', 'current_task', 'all_tasks'])
METHODS = frozenset(['append', 'pop', 'done', 'result', 'cancelled', 'cancel', 'get_name'])

# Keyword arguments a call may pass (user functions take any keyword).
BUILTIN_KEYWORDS = {'print': {'sep', 'end'}, 'sorted': {'reverse'}, 'enumerate': {'start'},
                    'sum': {'start'}, 'round': {'ndigits'}}
ASYNCIO_KEYWORDS = {'gather': {'return_exceptions'}, 'create_task': {'name'}, 'sleep': {'result'}}
METHOD_KEYWORDS = {'cancel': {'msg'}}

BIN_OPS = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//',
           ast.Mod: '%', ast.Pow: '**'}
OTHER_BIN_OPS = {ast.MatMult: '@', ast.LShift: '<<', ast.RShift: '>>', ast.BitOr: '|',
                 ast.BitXor: '^', ast.BitAnd: '&'}
UNARY_OPS = {ast.USub: '-', ast.UAdd: '+', ast.Not: 'not'}
CMP_OPS = {ast.Eq: '==', ast.NotEq: '!=', ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=',
           ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is', ast.IsNot: 'is not'}
CONVERSIONS = {-1: None, ord('s'): 's', ord('r'): 'r'}

# A short human name per refused node type: "unsupported <name>".
REFUSED_STMTS = {
    ast.Try: 'try statement', ast.With: 'with statement', ast.AsyncWith: 'async with statement',
    ast.AsyncFor: 'async for statement', ast.Raise: 'raise statement', ast.Assert: 'assert statement',
    ast.Delete: 'del statement', ast.Global: 'global statement', ast.Nonlocal: 'nonlocal statement',
    ast.ClassDef: 'class definition', ast.AnnAssign: 'annotated assignment',
}
if hasattr(ast, 'Match'):  # 3.10+
    REFUSED_STMTS[ast.Match] = 'match statement'
if hasattr(ast, 'TryStar'):  # 3.11+
    REFUSED_STMTS[ast.TryStar] = 'try statement'
REFUSED_EXPRS = {
    ast.Lambda: 'lambda', ast.Dict: 'dict', ast.Set: 'set', ast.DictComp: 'dict comprehension',
    ast.SetComp: 'set comprehension', ast.GeneratorExp: 'generator expression', ast.Yield: 'yield',
    ast.YieldFrom: 'yield from', ast.NamedExpr: 'assignment expression (:=)', ast.Slice: 'slice',
}

MAX_SAFE_INTEGER = 2 ** 53 - 1


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


class Importer:
    def __init__(self, source):
        self.source_lines = source.splitlines()
        self.functions = {}  # name -> ast def node

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
        defs = []
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name in self.functions:
                    self.refuse('redefinition of %s' % node.name, node)
                if node.name in BUILTINS or node.name == 'asyncio':
                    self.refuse('redefinition of builtin %s' % node.name, node)
                self.functions[node.name] = node
                defs.append(node)
        functions = [self.function(node) for node in defs]
        program_body = []
        defined_so_far = set()
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                defined_so_far.add(node.name)
                continue
            if isinstance(node, ast.Import):
                self.check_import(node)
                continue
            if isinstance(node, ast.ImportFrom):
                self.refuse('import from %s' % (node.module or '.'), node)
            if not isinstance(node, (ast.Assign, ast.AugAssign, ast.Expr)):
                self.refuse(self.module_statement_name(node), node)
            # The IR runs module statements after every def: a statement that uses a
            # function defined below it would change meaning (NameError in Python).
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name) and sub.id in self.functions and sub.id not in defined_so_far:
                    self.refuse('use of %s before its definition' % sub.id, sub)
            program_body.append(self.statement(node, module_level=True))
        return {'functions': functions, 'body': program_body}

    def check_import(self, node):
        for alias in node.names:
            if alias.name != 'asyncio':
                self.refuse('import of %s' % alias.name, node)
            if alias.asname is not None and alias.asname != 'asyncio':
                self.refuse('import of asyncio as %s' % alias.asname, node)

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
                ast.FunctionDef: 'nested def', ast.AsyncFunctionDef: 'nested def'}.get(
            type(node), type(node).__name__ + ' statement')

    # ------------------------------------------------------------------- functions
    def function(self, node):
        if node.decorator_list:
            self.refuse('decorator', node.decorator_list[0])
        args = node.args
        if args.posonlyargs:
            self.refuse('positional-only parameter', args.posonlyargs[0])
        if args.vararg:
            self.refuse('*%s parameter' % args.vararg.arg, args.vararg)
        if args.kwonlyargs:
            self.refuse('keyword-only parameter %s' % args.kwonlyargs[0].arg, args.kwonlyargs[0])
        if args.kwarg:
            self.refuse('**%s parameter' % args.kwarg.arg, args.kwarg)
        first_default = len(args.args) - len(args.defaults)
        params = []
        for i, arg in enumerate(args.args):
            param = {'name': arg.arg}
            if i >= first_default:
                param['default'] = self.expr(args.defaults[i - first_default])
            params.append(param)
        # Annotations are dropped: they do not change what a program prints.
        return {'name': node.name, 'isAsync': isinstance(node, ast.AsyncFunctionDef),
                'params': params, 'body': self.block(node.body), 'line': node.lineno}

    # ------------------------------------------------------------------ statements
    def block(self, nodes):
        return [self.statement(n) for n in nodes]

    def statement(self, node, module_level=False):
        line = node.lineno
        if isinstance(node, ast.Expr):
            return {'kind': 'expr', 'expr': self.expr(node.value), 'line': line}
        if isinstance(node, ast.Assign):
            if len(node.targets) != 1:
                self.refuse('chained assignment', node)
            return {'kind': 'assign', 'target': self.target(node.targets[0]),
                    'value': self.expr(node.value), 'line': line}
        if isinstance(node, ast.AugAssign):
            if not isinstance(node.target, (ast.Name, ast.Subscript)):
                self.refuse('augmented assignment target', node.target)
            return {'kind': 'augAssign', 'target': self.target(node.target),
                    'op': self.bin_op(node.op, node), 'value': self.expr(node.value), 'line': line}
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
            return {'kind': 'for', 'target': self.target(node.target), 'iter': self.expr(node.iter),
                    'body': self.block(node.body), 'line': line}
        if isinstance(node, ast.While):
            if node.orelse:
                self.refuse('else of while statement', node.orelse[0])
            return {'kind': 'while', 'test': self.expr(node.test), 'body': self.block(node.body),
                    'line': line}
        if isinstance(node, ast.Break):
            return {'kind': 'break', 'line': line}
        if isinstance(node, ast.Continue):
            return {'kind': 'continue', 'line': line}
        if isinstance(node, ast.Pass):
            return {'kind': 'pass', 'line': line}
        if isinstance(node, ast.Import):
            if [a.name for a in node.names] == ['asyncio']:
                self.refuse('import inside a function', node)
            self.check_import(node)
        if isinstance(node, ast.ImportFrom):
            self.refuse('import from %s' % (node.module or '.'), node)
        self.refuse(self.statement_name(node), node)

    def target(self, node):
        if isinstance(node, ast.Name):
            self.check_assignable(node)
            return {'kind': 'name', 'id': node.id}
        if isinstance(node, ast.Subscript):
            return {'kind': 'subscript', 'value': self.expr(node.value), 'index': self.index(node)}
        if isinstance(node, (ast.Tuple, ast.List)):
            return {'kind': 'tuple', 'elts': [self.target(e) for e in node.elts]}
        if isinstance(node, ast.Starred):
            self.refuse('starred assignment target', node)
        if isinstance(node, ast.Attribute):
            self.refuse('assignment to attribute .%s' % node.attr, node)
        self.refuse('assignment target', node)

    def check_assignable(self, node):
        if node.id in self.functions:
            self.refuse('assignment to function name %s' % node.id, node)
        if node.id in BUILTINS or node.id == 'asyncio':
            self.refuse('assignment to builtin name %s' % node.id, node)

    # ----------------------------------------------------------------- expressions
    def expr(self, node):
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            if node.id in self.functions:
                self.refuse('use of function %s as a value' % node.id, node)
            if node.id == 'asyncio':
                self.refuse('use of asyncio as a value', node)
            if node.id in BUILTINS:
                self.refuse('use of builtin %s as a value' % node.id, node)
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
            return {'kind': 'listComp', 'elt': self.expr(node.elt),
                    'generators': [self.comprehension(g) for g in node.generators]}
        if isinstance(node, ast.JoinedStr):
            return {'kind': 'fstring', 'parts': self.fstring_parts(node)}
        if isinstance(node, ast.Await):
            return {'kind': 'await', 'value': self.expr(node.value)}
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Starred):
            self.refuse('starred expression here', node)
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == 'asyncio':
                self.refuse('asyncio.%s' % node.attr, node)
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
        self.refuse('constant %r' % (value,), node)

    def bin_op(self, op, node):
        name = BIN_OPS.get(type(op))
        if name is None:
            self.refuse('operator %s' % OTHER_BIN_OPS.get(type(op), type(op).__name__), node)
        return name

    def index(self, subscript):
        if isinstance(subscript.slice, ast.Slice):
            self.refuse('slice', subscript.slice)
        return self.expr(subscript.slice)

    def comprehension(self, gen):
        if gen.is_async:
            self.refuse('async comprehension', gen.target)
        return {'target': self.target(gen.target), 'iter': self.expr(gen.iter),
                'ifs': [self.expr(i) for i in gen.ifs]}

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

    def call(self, node):
        args = [self.element(a) for a in node.args]
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
            if name in self.functions:
                kind, allowed = 'call', None
            elif name in BUILTINS:
                kind, allowed = 'builtin', BUILTIN_KEYWORDS.get(name, set())
            else:
                self.refuse('call of %s' % name, func)
            label = name
        elif isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id == 'asyncio':
                name = func.attr
                if name not in ASYNCIO_FUNCTIONS:
                    self.refuse('call of asyncio.%s' % name, func)
                kind, allowed, label = 'asyncio', ASYNCIO_KEYWORDS.get(name, set()), 'asyncio.' + name
            else:
                name = func.attr
                if name not in METHODS:
                    self.refuse('method .%s()' % name, func)
                kind, allowed, label = 'method', METHOD_KEYWORDS.get(name, set()), '.' + name
        else:
            self.refuse('call of an expression', func)
        keywords = []
        for kw in node.keywords:
            if kw.arg is None:
                self.refuse('**arguments of %s' % label, kw)
            if allowed is not None and kw.arg not in allowed:
                self.refuse('keyword argument %s= of %s' % (kw.arg, label), kw)
            keywords.append({'name': kw.arg, 'value': self.expr(kw.value)})
        if kind == 'call':
            return {'kind': 'call', 'func': name, 'args': args, 'keywords': keywords}
        if kind == 'builtin':
            return {'kind': 'builtin', 'func': name, 'args': args, 'keywords': keywords}
        if kind == 'asyncio':
            return {'kind': 'asyncio', 'func': name, 'args': args, 'keywords': keywords}
        return {'kind': 'method', 'object': self.expr(func.value), 'method': name, 'args': args,
                'keywords': keywords}


def import_source(source, filename='prog.py'):
    """Return the IR Program dict; raise SyntaxError or Unsupported."""
    tree = ast.parse(source, filename=filename)
    return Importer(source).module(tree)


def handle_import(source, filename):
    """The worker's `import` op: a response dict without its id."""
    try:
        return {'ok': True, 'program': import_source(source, filename)}
    except SyntaxError as e:
        return {'ok': False, 'error': {'kind': 'syntax', 'message': e.msg,
                                       'line': e.lineno or 0, 'col': e.offset or 0}}
    except ValueError as e:  # NUL bytes in the source
        return {'ok': False, 'error': {'kind': 'syntax', 'message': str(e), 'line': 0, 'col': 0}}
    except Unsupported as e:
        return {'ok': False, 'error': {'kind': 'unsupported', 'message': str(e), 'line': e.line,
                                       'col': e.col}}
    except RecursionError:
        return {'ok': False, 'error': {'kind': 'unsupported', 'message': 'unsupported nesting depth',
                                       'line': 0, 'col': 0}}
