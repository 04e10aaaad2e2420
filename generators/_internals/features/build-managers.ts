/**
 * IR builders for the async generator and context manager features (asyncgen.ts,
 * managers.ts): module-level classes with dunder methods, `self.x` reads, `with`/`async with`,
 * `async for`, and an int argument built from what is in scope. Nothing here decides validity.
 */
import type { ClassMember, Expr, FunctionDef, Stmt, Target } from '../../../ir/program.ts';
import type { FeatureContext } from './feature.ts';
import { add, int, name, target } from './build.ts';

/** An int here: the innermost int name plus `k`, else the literal `k`. */
export function intHere(ctx: FeatureContext, k: number): Expr {
  const innermost = ctx.intNames.at(-1);
  return innermost === undefined ? int(k) : k === 0 ? name(innermost) : add(name(innermost), int(k));
}

/** `self.<attr>` */
export const selfAttr = (attr: string): Expr => ({ kind: 'attr', object: name('self'), name: attr });

/** A method `def name(self, *params):` (`async def` when `isAsync`). */
export const methodDef = (methodName: string, isAsync: boolean, params: string[], body: Stmt[]): ClassMember => ({
  kind: 'method',
  def: { name: methodName, isAsync, params: [{ name: 'self' }, ...params.map((p) => ({ name: p }))], body },
});

/** `class <name>:` with `__init__(self, n)` storing `self.n = n`, then `members`. */
export function classWithN(className: string, members: ClassMember[]): Stmt {
  const init: Stmt = { kind: 'assign', target: { kind: 'attr', object: name('self'), name: 'n' }, value: name('n') };
  return { kind: 'class', def: { name: className, body: [methodDef('__init__', false, ['n'], [init]), ...members] } };
}

/** `with <context> as <as>:` / `async with ...:` with one item. */
export const withStmt = (isAsync: boolean, context: Expr, as: string | undefined, body: Stmt[]): Stmt => ({
  kind: 'with', isAsync, items: [{ context, ...(as === undefined ? {} : { target: target(as) }) }], body,
});

/** `async for <variable> in <iter>:` */
export const asyncFor = (variable: string, iter: Expr, body: Stmt[]): Stmt => ({ kind: 'for', isAsync: true, target: target(variable), iter, body });

/** `[<elt> async for <variable> in <iter> if <test>]` */
export const asyncListComp = (elt: Expr, variable: string, iter: Expr, ifs: Expr[] = []): Expr => ({
  kind: 'listComp', elt, generators: [{ target: target(variable) as Target, iter, ifs, isAsync: true }],
});

/** `return <value>` */
export const ret = (value: Expr): Stmt => ({ kind: 'return', value });

/** A function value `def`'s header: no decorator, params by name. */
export const fnDef = (fnName: string, isAsync: boolean, params: string[], body: Stmt[], decorator?: FunctionDef['decorator']): FunctionDef => ({
  name: fnName, isAsync, params: params.map((p) => ({ name: p })), body, ...(decorator === undefined ? {} : { decorator }),
});
