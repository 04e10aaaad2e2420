"""Test helper: runs many small jobs in ONE CPython process (spawning costs ~65 ms each).

stdin: {"op": "parse" | "eval" | "run", "items": [str, ...]}; stdout: a JSON list, one result per item.
- parse: {"ok": true, "ir": <expression IR or null>} or {"ok": false, "error": ...}; "ir" is the
  single expression statement of the source, converted back to the program IR (round-trip tests).
- eval: {"ok": true, "repr": repr(eval(item))} or {"ok": false, "error": ...}
- run: exec each program in a fresh dict under a virtual clock (no real sleeping) and report
  {"ok": bool, "stdout": ..., "error": ..., "iterations": ...}. Each program is run twice and
  must print the same both times ("deterministic").
"""
import ast
import asyncio
import contextlib
import io
import json
import selectors
import sys

MAX_ITERATIONS = 100_000


class VirtualClockSelector(selectors.SelectSelector):
    """select(timeout) advances the virtual clock instead of waiting."""

    def __init__(self, loop_clock):
        super().__init__()
        self.loop_clock = loop_clock

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('deadlock: nothing ready and no timer')
        self.loop_clock[0] += timeout
        return []


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self.virtual_now = [0.0]
        self.iterations = 0
        super().__init__(VirtualClockSelector(self.virtual_now))
        self._clock_resolution = 1e-9

    def time(self):
        return self.virtual_now[0]

    def _run_once(self):
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise RuntimeError('budget: too many loop iterations')
        super()._run_once()


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualClockLoop


asyncio.set_event_loop_policy(VirtualClockPolicy())

BINOPS = {ast.Add: '+', ast.Sub: '-', ast.Mult: '*', ast.Div: '/', ast.FloorDiv: '//', ast.Mod: '%', ast.Pow: '**'}
UNARY = {ast.USub: '-', ast.UAdd: '+', ast.Not: 'not'}
CMPOPS = {ast.Eq: '==', ast.NotEq: '!=', ast.Lt: '<', ast.LtE: '<=', ast.Gt: '>', ast.GtE: '>=',
          ast.In: 'in', ast.NotIn: 'not in', ast.Is: 'is', ast.IsNot: 'is not'}
BUILTINS = {'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
            'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip'}


def to_ir(node):
    """Python expression AST -> the IR's JSON shape (the subset the printer emits)."""
    t = type(node)
    if t is ast.Constant:
        v = node.value
        if isinstance(v, bool):
            return {'kind': 'bool', 'value': v}
        if v is None:
            return {'kind': 'none'}
        if isinstance(v, int):
            return {'kind': 'int', 'value': v}
        if isinstance(v, float):
            return {'kind': 'float', 'value': v}
        return {'kind': 'str', 'value': v}
    if t is ast.Name:
        return {'kind': 'name', 'id': node.id}
    if t in (ast.List, ast.Tuple):
        return {'kind': 'list' if t is ast.List else 'tuple', 'elts': [to_ir(e) for e in node.elts]}
    if t is ast.BinOp:
        return {'kind': 'binOp', 'op': BINOPS[type(node.op)], 'left': to_ir(node.left), 'right': to_ir(node.right)}
    if t is ast.UnaryOp:
        return {'kind': 'unaryOp', 'op': UNARY[type(node.op)], 'operand': to_ir(node.operand)}
    if t is ast.BoolOp:
        return {'kind': 'boolOp', 'op': 'and' if isinstance(node.op, ast.And) else 'or',
                'values': [to_ir(v) for v in node.values]}
    if t is ast.Compare:
        return {'kind': 'compare', 'left': to_ir(node.left), 'ops': [CMPOPS[type(o)] for o in node.ops],
                'comparators': [to_ir(c) for c in node.comparators]}
    if t is ast.IfExp:
        return {'kind': 'ifExp', 'test': to_ir(node.test), 'body': to_ir(node.body), 'orelse': to_ir(node.orelse)}
    if t is ast.Subscript:
        return {'kind': 'subscript', 'value': to_ir(node.value), 'index': to_ir(node.slice)}
    if t is ast.ListComp:
        return {'kind': 'listComp', 'elt': to_ir(node.elt), 'generators': [
            {'target': target_ir(g.target), 'iter': to_ir(g.iter), 'ifs': [to_ir(c) for c in g.ifs]}
            for g in node.generators]}
    if t is ast.JoinedStr:
        parts = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(v.value)
            else:
                part = {'value': to_ir(v.value)}
                if v.conversion != -1:
                    part['conversion'] = chr(v.conversion)
                if v.format_spec is not None:
                    part['spec'] = ''.join(c.value for c in v.format_spec.values)
                parts.append(part)
        return {'kind': 'fstring', 'parts': parts}
    if t is ast.Await:
        return {'kind': 'await', 'value': to_ir(node.value)}
    if t is ast.Starred:
        return {'kind': 'starred', 'value': to_ir(node.value)}
    if t is ast.Call:
        args = [to_ir(a) for a in node.args]
        keywords = [{'name': k.arg, 'value': to_ir(k.value)} for k in node.keywords]
        f = node.func
        if isinstance(f, ast.Name):
            kind = 'builtin' if f.id in BUILTINS else 'call'
            return {'kind': kind, 'func': f.id, 'args': args, 'keywords': keywords}
        if isinstance(f.value, ast.Name) and f.value.id == 'asyncio':
            return {'kind': 'asyncio', 'func': f.attr, 'args': args, 'keywords': keywords}
        return {'kind': 'method', 'object': to_ir(f.value), 'method': f.attr, 'args': args, 'keywords': keywords}
    raise ValueError('no IR for ' + t.__name__)


def target_ir(node):
    if isinstance(node, ast.Name):
        return {'kind': 'name', 'id': node.id}
    if isinstance(node, ast.Tuple):
        return {'kind': 'tuple', 'elts': [target_ir(e) for e in node.elts]}
    return {'kind': 'subscript', 'value': to_ir(node.value), 'index': to_ir(node.slice)}


def parse_one(source):
    try:
        module = ast.parse(source)
    except SyntaxError as e:
        return {'ok': False, 'error': f'SyntaxError: {e}'}
    body = module.body
    if len(body) == 1 and isinstance(body[0], ast.Expr):
        return {'ok': True, 'ir': to_ir(body[0].value)}
    # An await outside a function parses only inside `async def`: unwrap one.
    if len(body) == 1 and isinstance(body[0], ast.AsyncFunctionDef) and body[0].name == '_wrap':
        return {'ok': True, 'ir': to_ir(body[0].body[0].value)}
    return {'ok': True, 'ir': None}


def eval_one(source):
    try:
        return {'ok': True, 'repr': repr(eval(source, {}))}
    except Exception as e:  # noqa: BLE001 - reported to the test
        return {'ok': False, 'error': f'{type(e).__name__}: {e}'}


def exec_once(source):
    out = io.StringIO()
    error = None
    loops = []
    original = VirtualClockPolicy._loop_factory

    def factory():
        loop = original()
        loops.append(loop)
        return loop

    VirtualClockPolicy._loop_factory = staticmethod(factory)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, '<generated>', 'exec'), {'__name__': '__main__'})
    except BaseException as e:  # noqa: BLE001 - a generated program may raise anything
        error = f'{type(e).__name__}: {e}'
    finally:
        VirtualClockPolicy._loop_factory = original
    return out.getvalue(), error, sum(loop.iterations for loop in loops)


def run_one(source):
    stdout, error, iterations = exec_once(source)
    again, _, _ = exec_once(source)
    ok = error is None and stdout == again
    if error is None and stdout != again:
        error = 'nondeterministic output'
    return {'ok': ok, 'stdout': stdout, 'error': error, 'iterations': iterations}


def main():
    request = json.load(sys.stdin)
    handler = {'parse': parse_one, 'eval': eval_one, 'run': run_one}[request['op']]
    json.dump([handler(item) for item in request['items']], sys.stdout)


if __name__ == '__main__':
    main()
