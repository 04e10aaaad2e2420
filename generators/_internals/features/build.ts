/**
 * Small IR builders the feature modules share, so each module reads close to the Python
 * it generates. Nothing here decides validity; the modules do (see their doc comments).
 */
import type { AsyncioName, BuiltinName, Comprehension, Expr, FunctionDef, MethodName, Param, Stmt, StdlibModule, Target } from '../../../ir/program.ts';

export const int = (value: number): Expr => ({ kind: 'int', value });
export const str = (value: string): Expr => ({ kind: 'str', value });
export const name = (id: string): Expr => ({ kind: 'name', id });
export const target = (id: string): Target => ({ kind: 'name', id });
export const number = (value: number): Expr => (Number.isInteger(value) ? int(value) : { kind: 'float', value });
export const awaitOf = (value: Expr): Expr => ({ kind: 'await', value });
export const list = (...elts: Expr[]): Expr => ({ kind: 'list', elts });
export const add = (left: Expr, right: Expr): Expr => ({ kind: 'binOp', op: '+', left, right });
export const sub = (left: Expr, right: Expr): Expr => ({ kind: 'binOp', op: '-', left, right });
export const mul = (left: Expr, right: Expr): Expr => ({ kind: 'binOp', op: '*', left, right });
export const builtin = (func: BuiltinName, ...args: Expr[]): Expr => ({ kind: 'builtin', func, args, keywords: [] });
export const range = (...args: Expr[]): Expr => builtin('range', ...args);
export const method = (object: Expr, m: MethodName, ...args: Expr[]): Expr => ({ kind: 'method', object, method: m, args, keywords: [] });
export const asyncio = (func: AsyncioName, ...args: Expr[]): Expr => ({ kind: 'asyncio', func, args, keywords: [] });
export const stdlib = (module: StdlibModule, func: string, ...args: Expr[]): Expr => ({ kind: 'stdlib', module, func, args, keywords: [] });
export const callValue = (func: Expr, args: Expr[], keywords: Array<{ name: string; value: Expr }> = []): Expr => ({ kind: 'callValue', func, args, keywords });
export const comprehension = (variable: string, iter: Expr): Comprehension => ({ target: target(variable), iter, ifs: [] });
export const lambda = (params: Param[], value: Expr): Expr => ({ kind: 'lambda', def: { name: '<lambda>', isAsync: false, params, body: [{ kind: 'return', value }] } });

export const print = (...args: Expr[]): Stmt => ({ kind: 'expr', expr: builtin('print', ...args) });
export const exprStmt = (expr: Expr): Stmt => ({ kind: 'expr', expr });
export const assign = (id: string, value: Expr): Stmt => ({ kind: 'assign', target: target(id), value });
export const sleep = (delay: number): Stmt => exprStmt(awaitOf(asyncio('sleep', number(delay))));
export const def = (f: FunctionDef): Stmt => ({ kind: 'def', def: f });
export const forRange = (variable: string, count: Expr, body: Stmt[]): Stmt => ({ kind: 'for', target: target(variable), iter: range(count), body });
