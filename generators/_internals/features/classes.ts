/**
 * Classes with async methods (issue 8 item 10): a module-level class (the IR's only place for
 * one) with a class attribute counting instances, `__init__` setting attributes, an `async def
 * run(self, n)` that sleeps, updates `self` state (maybe awaiting a later worker with
 * `self.step`) and prints, a plain method, a `@property` and a `__repr__` naming
 * `type(self).__name__`; sometimes a subclass whose `__init__` and `run` call `super()`.
 * The statement makes instances, awaits `obj.run(k)` directly or runs it in tasks
 * (`asyncio.create_task(a3.run(2))`) awaited right there, and prints the objects and state.
 *
 * Why valid and deterministic: each class is named after its function and statement
 * (`Counter_main_3`), so names are unique in the program, and is defined before
 * `asyncio.run`; attributes are set in `__init__` before any method reads them; `n` and
 * `step` are ints (a literal or an int name in scope), so every loop ends, `self.step` is a
 * valid worker argument and the printed state is ints and lists. Tasks made here are awaited
 * here, so none is left running by this statement; a method's worker call is charged once
 * per run of the method (the DAG and statement budget hold), and the worker counts as run by
 * a task (`spawns`). Prints in methods run in the awaiting or created task's steps, never at
 * shutdown unless the statement's own task is cancelled there, which stops them (no
 * `finally` here). A worker's exception may end the program, as an awaited call's does.
 */
import type { ClassDef, ClassMember, Expr, FunctionDef, Stmt } from '../../../ir/program.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import { add, asyncio, assign, awaitOf, callValue, exprStmt, forRange, int, method, mul, name, number, print, str } from './build.ts';

const self = name('self');
const attr = (object: Expr, member: string): Expr => ({ kind: 'attr', object, name: member });
const setAttr = (member: string, value: Expr): Stmt => ({ kind: 'assign', target: { kind: 'attr', object: self, name: member }, value });
const selfAttr = (member: string): Expr => attr(self, member);
const methodDef = (def: FunctionDef, decorator?: 'property'): ClassMember => ({ kind: 'method', def, ...(decorator ? { decorator } : {}) });
const callMethod = (object: Expr, member: string, ...args: Expr[]): Expr => callValue(attr(object, member), args);

function intHere(ctx: FeatureContext, k: number): Expr {
  const innermost = ctx.intNames.at(-1);
  return innermost === undefined ? int(k) : add(name(innermost), int(k));
}

/** picks: form, a small int, a delay, a variant. */
export const classes: FeatureModule = {
  feature: 'classes',
  picks: [3, 3, 8, 1],
  // Over-approximated: a method that calls a worker may run in a task.
  spawns: () => true,
  appearsIn: (python) => /^class \w+/m.test(python),
  lower([form, k, delay, variant], call, ctx) {
    const i = ctx.index;
    const base = `Counter_${ctx.functionName}_${i}`;
    const sub = `Sub_${ctx.functionName}_${i}`;
    const useSub = form % 4 >= 2;
    const tasks = form % 2 === 1 && ctx.features.createTask;
    const runs = [1 + (k % 2), 1];
    // Each run of the method: its loop (3 statements an iteration) and its prints; a worker call per run.
    const worker = variant === 1 ? ctx.callOf(call, runs.length) : null;
    ctx.charge(4 + runs.reduce((n, r) => n + 3 + 3 * r, 0) + (useSub ? 4 : 0));
    ctx.defineClass(baseClass(base, ctx, delay, worker));
    if (useSub) ctx.defineClass(subClass(sub, base, ctx));
    const a = `a${i}`;
    const b = `b${i}`;
    const out: Stmt[] = [
      assign(a, callValue(name(base), [str('a'), intHere(ctx, k)])),
      assign(b, callValue(name(useSub ? sub : base), [str('b'), int(2)])),
    ];
    const v = `v${i}`;
    const w = `w${i}`;
    if (tasks) {
      // Both runs as tasks, awaited here: their sleeps interleave.
      out.push(
        assign(`ta${i}`, asyncio('create_task', callMethod(name(a), 'run', int(runs[0])))),
        assign(`tb${i}`, asyncio('create_task', callMethod(name(b), 'run', int(runs[1])))),
        assign(v, awaitOf(name(`ta${i}`))),
        assign(w, awaitOf(name(`tb${i}`))),
      );
    } else {
      out.push(assign(v, awaitOf(callMethod(name(a), 'run', int(runs[0])))), assign(w, awaitOf(callMethod(name(b), 'run', int(runs[1])))));
    }
    out.push(
      print(ctx.nextLabel(), name(a), name(b), attr(name(a), 'doubled'), name(v), name(w)),
      print(ctx.nextLabel(), callMethod(name(b), 'bump', int(3)), { kind: 'list', elts: [name(a), name(b)] }, attr(name(base), 'made')),
    );
    return out;
  },
};

/** `class Counter_main_3:` with `made`, `__init__`, `async run`, `bump`, `doubled` and `__repr__`. */
function baseClass(className: string, ctx: FeatureContext, delay: number, worker: Expr | null): ClassDef {
  const runBody: Stmt[] = [];
  const loopBody: Stmt[] = [];
  if (ctx.features.sleep) loopBody.push(exprStmt(awaitOf(asyncio('sleep', number(ctx.delay(delay))))));
  loopBody.push(
    { kind: 'augAssign', target: { kind: 'attr', object: self, name: 'total' }, op: '+', value: selfAttr('step') },
    exprStmt(method(selfAttr('log'), 'append', name('i'))),
  );
  // Where no loop may be written (forLoop off, or a method's loop would sit deeper than maxDepth), one step stands for it: `n` is then only logged.
  if (ctx.features.forLoop && ctx.maxDepth >= 2) runBody.push(forRange('i', name('n'), loopBody));
  else runBody.push(...loopBody.map((s) => (s.kind === 'expr' && s.expr.kind === 'method' && s.expr.method === 'append' ? exprStmt(method(selfAttr('log'), 'append', name('n'))) : s)));
  if (worker !== null && worker.kind === 'call') {
    // A later function, given the instance's int step (its parameter `n` stays an int).
    runBody.push(exprStmt(method(selfAttr('log'), 'append', awaitOf({ ...worker, args: [selfAttr('step')] }))));
  }
  runBody.push(print(ctx.label, selfAttr('name'), selfAttr('total'), selfAttr('log')), { kind: 'return', value: selfAttr('total') });
  const repr: Expr = {
    kind: 'fstring',
    parts: [{ value: { kind: 'typeName', value: self } }, '(', { value: selfAttr('name'), conversion: 'r' }, ', total=', { value: selfAttr('total') }, ')'],
  };
  return {
    name: className,
    body: [
      { kind: 'attr', name: 'made', value: int(0) },
      methodDef({
        name: '__init__', isAsync: false, params: [{ name: 'self' }, { name: 'name' }, { name: 'step' }],
        body: [
          setAttr('name', name('name')),
          setAttr('step', name('step')),
          setAttr('total', int(0)),
          setAttr('log', { kind: 'list', elts: [] }),
          { kind: 'augAssign', target: { kind: 'attr', object: name(className), name: 'made' }, op: '+', value: int(1) },
        ],
      }),
      methodDef({ name: 'run', isAsync: true, params: [{ name: 'self' }, { name: 'n' }], body: runBody }),
      methodDef({
        name: 'bump', isAsync: false, params: [{ name: 'self' }, { name: 'by' }],
        body: [{ kind: 'augAssign', target: { kind: 'attr', object: self, name: 'total' }, op: '+', value: name('by') }, { kind: 'return', value: selfAttr('total') }],
      }),
      methodDef({ name: 'doubled', isAsync: false, params: [{ name: 'self' }], body: [{ kind: 'return', value: mul(selfAttr('total'), int(2)) }] }, 'property'),
      methodDef({ name: '__repr__', isAsync: false, params: [{ name: 'self' }], body: [{ kind: 'return', value: repr }] }),
    ],
  };
}

/** `class Sub_main_3(Counter_main_3):` whose `__init__` and `run` go through `super()`. */
function subClass(className: string, base: string, ctx: FeatureContext): ClassDef {
  const sup: Expr = { kind: 'super' };
  return {
    name: className,
    base: name(base),
    body: [
      methodDef({
        name: '__init__', isAsync: false, params: [{ name: 'self' }, { name: 'name' }, { name: 'step' }],
        body: [exprStmt(callMethod(sup, '__init__', name('name'), add(name('step'), int(1)))), setAttr('extra', name('step'))],
      }),
      methodDef({
        name: 'run', isAsync: true, params: [{ name: 'self' }, { name: 'n' }],
        body: [
          print(ctx.nextLabel(), str('sub'), selfAttr('name'), selfAttr('extra')),
          assign('v', awaitOf(callMethod(sup, 'run', name('n')))),
          { kind: 'return', value: add(name('v'), selfAttr('extra')) },
        ],
      }),
    ],
  };
}
