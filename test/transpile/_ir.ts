/** A compact way to write IR programs by hand in tests (one helper per node kind). */
import type { AsyncioName, BinOpName, BuiltinName, CmpOpName, Expr, FStringPart, FunctionDef, MethodName, Param, Program, Stmt, Target } from '../../ir/program.ts';

type Kw = Record<string, Expr>;
const kws = (kw: Kw = {}) => Object.entries(kw).map(([name, value]) => ({ name, value }));

export const int = (value: number): Expr => ({ kind: 'int', value });
export const float = (value: number): Expr => ({ kind: 'float', value });
export const str = (value: string): Expr => ({ kind: 'str', value });
export const bool = (value: boolean): Expr => ({ kind: 'bool', value });
export const none: Expr = { kind: 'none' };
export const name = (id: string): Expr => ({ kind: 'name', id });
export const list = (...elts: Expr[]): Expr => ({ kind: 'list', elts });
export const tuple = (...elts: Expr[]): Expr => ({ kind: 'tuple', elts });
export const bin = (left: Expr, op: BinOpName, right: Expr): Expr => ({ kind: 'binOp', op, left, right });
export const unary = (op: '-' | '+' | 'not', operand: Expr): Expr => ({ kind: 'unaryOp', op, operand });
export const and = (...values: Expr[]): Expr => ({ kind: 'boolOp', op: 'and', values });
export const or = (...values: Expr[]): Expr => ({ kind: 'boolOp', op: 'or', values });
export const cmp = (left: Expr, ...rest: Array<[CmpOpName, Expr]>): Expr => ({
  kind: 'compare',
  left,
  ops: rest.map((r) => r[0]),
  comparators: rest.map((r) => r[1]),
});
export const ifExp = (test: Expr, body: Expr, orelse: Expr): Expr => ({ kind: 'ifExp', test, body, orelse });
export const sub = (value: Expr, index: Expr): Expr => ({ kind: 'subscript', value, index });
export const comp = (elt: Expr, ...generators: Array<[Target, Expr, Expr[]?]>): Expr => ({
  kind: 'listComp',
  elt,
  generators: generators.map(([target, iter, ifs]) => ({ target, iter, ifs: ifs ?? [] })),
});
export const fstr = (...parts: FStringPart[]): Expr => ({ kind: 'fstring', parts });
export const aw = (value: Expr): Expr => ({ kind: 'await', value });
export const star = (value: Expr): Expr => ({ kind: 'starred', value });
export const call = (func: string, args: Expr[] = [], kw?: Kw): Expr => ({ kind: 'call', func, args, keywords: kws(kw) });
export const builtin = (func: BuiltinName, args: Expr[] = [], kw?: Kw): Expr => ({ kind: 'builtin', func, args, keywords: kws(kw) });
export const aio = (func: AsyncioName, args: Expr[] = [], kw?: Kw): Expr => ({ kind: 'asyncio', func, args, keywords: kws(kw) });
export const method = (object: Expr, m: MethodName, args: Expr[] = [], kw?: Kw): Expr => ({ kind: 'method', object, method: m, args, keywords: kws(kw) });

export const t = (id: string): Target => ({ kind: 'name', id });
export const tt = (...elts: Target[]): Target => ({ kind: 'tuple', elts });
export const ts = (value: Expr, index: Expr): Target => ({ kind: 'subscript', value, index });

export const expr = (e: Expr): Stmt => ({ kind: 'expr', expr: e });
export const print = (...args: Expr[]): Stmt => expr(builtin('print', args));
export const printKw = (args: Expr[], kw: Kw): Stmt => expr(builtin('print', args, kw));
export const set = (target: string | Target, value: Expr): Stmt => ({ kind: 'assign', target: typeof target === 'string' ? t(target) : target, value });
export const aug = (target: string | Target, op: BinOpName, value: Expr): Stmt => ({ kind: 'augAssign', target: typeof target === 'string' ? t(target) : target, op, value });
export const ret = (value?: Expr): Stmt => ({ kind: 'return', value });
export const if_ = (test: Expr, body: Stmt[], orelse: Stmt[] = []): Stmt => ({ kind: 'if', test, body, orelse });
export const for_ = (target: string | Target, iter: Expr, body: Stmt[]): Stmt => ({ kind: 'for', target: typeof target === 'string' ? t(target) : target, iter, body });
export const while_ = (test: Expr, body: Stmt[]): Stmt => ({ kind: 'while', test, body });
export const brk: Stmt = { kind: 'break' };
export const cont: Stmt = { kind: 'continue' };
export const pass: Stmt = { kind: 'pass' };

const params = (ps: Array<string | [string, Expr]>): Param[] => ps.map((p) => (typeof p === 'string' ? { name: p } : { name: p[0], default: p[1] }));
export const adef = (n: string, ps: Array<string | [string, Expr]>, body: Stmt[]): FunctionDef => ({ name: n, isAsync: true, params: params(ps), body });
export const def = (n: string, ps: Array<string | [string, Expr]>, body: Stmt[]): FunctionDef => ({ name: n, isAsync: false, params: params(ps), body });

/** A program; the default module body is `asyncio.run(main())`. */
export const program = (functions: FunctionDef[], body: Stmt[] = [expr(aio('run', [call('main')]))]): Program => ({ functions, body });
