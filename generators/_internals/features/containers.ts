/**
 * Containers (issue 8 item 4): dicts of task results keyed by name (tasks made by a dict
 * comprehension, or the function's own tasks), dict comprehensions and methods, sets of
 * small ints (negative ones too: CPython's `hash(-1)` is -2) and of strings printed in
 * CPython's set order (the oracle fixes PYTHONHASHSEED, the port hashes the same way), set
 * algebra, and a filtered list comprehension.
 *
 * Why valid and deterministic: keys are str literals or f-strings of ints, values ints, so
 * every dict and set is well typed and hashable; every key read exists. The task form
 * creates tasks of a later function (charged once per task, so the DAG and the statement
 * budget hold) and awaits each of them right there; awaiting the function's own tasks uses
 * only those no statement cancels. A task's exception may end the program, as an awaited
 * task's does in the `awaitTask` feature.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import { add, asyncio, assign, awaitOf, builtin, comprehension, int, method, mul, name, print, range, str, target } from './build.ts';

const STRINGS = ['a', 'b', 'c', 'spam', 'eggs', 'w1', 'task', 'x'];
const SMALL_INTS = [-1, -2, 8, 16, 3, 0, 1, 9, 25, -9];

function intHere(ctx: FeatureContext, k: number): Expr {
  const innermost = ctx.intNames.at(-1);
  return innermost === undefined ? int(k) : add(name(innermost), int(k));
}

const fstring = (prefix: string, value: Expr): Expr => ({ kind: 'fstring', parts: [prefix, { value }] });
const mod = (left: Expr, right: Expr): Expr => ({ kind: 'binOp', op: '%', left, right });

/** picks: form, a size, an offset, a variant. */
export const containers: FeatureModule = {
  feature: 'containers',
  picks: [5, 3, 7, 3],
  spawns: ([form]) => form % 6 === 0,
  appearsIn: (python) => /\b(res|d|s|a|xs)\d+ = [{[]/.test(python) || /\b(res|d|s|a|xs)\d+ = (set|dict)\(/.test(python),
  lower([form, size, offset, variant], call, ctx) {
    const i = ctx.index;
    const x = `x${i}`;
    switch (form % 6) {
      case 0: { // tasks keyed by name, results gathered into a dict
        const res = `res${i}`;
        const worker = ctx.features.createTask && ctx.loopsAllowed ? ctx.callOf(call, size + 1) : null;
        if (worker !== null && worker.kind === 'call') {
          ctx.charge(3 + 2 * (size + 1));
          const ts = `ts${i}`;
          const key = `key${i}`;
          const task = `task${i}`;
          const made: Expr = asyncio('create_task', { kind: 'call', func: worker.func, args: [add(name(x), int(offset % 3))], keywords: [] });
          return [
            assign(ts, { kind: 'dictComp', key: fstring('w', name(x)), value: made, generators: [comprehension(x, range(int(size + 1)))] }),
            assign(res, { kind: 'dict', keys: [], values: [] }),
            {
              kind: 'for', target: { kind: 'tuple', elts: [target(key), target(task)] }, iter: method(name(ts), 'items'),
              body: [{ kind: 'assign', target: { kind: 'subscript', value: name(res), index: name(key) }, value: awaitOf(name(task)) }],
            },
            print(ctx.label, name(res), builtin('sorted', name(res)), builtin('len', name(res))),
          ];
        }
        const own = ctx.awaitableTasks.slice(0, 1 + (size % 2));
        if (own.length === 0) return ctx.fallback();
        ctx.charge(2 + own.length);
        return [
          assign(res, { kind: 'dict', keys: [], values: [] }),
          ...own.map((t): Stmt => ({ kind: 'assign', target: { kind: 'subscript', value: name(res), index: str(t) }, value: awaitOf(name(t)) })),
          print(ctx.label, name(res), method(name(res), 'get', str(own[0])), builtin('list', method(name(res), 'items'))),
        ];
      }
      case 1: { // a dict comprehension, an added key, methods
        ctx.charge(4);
        const d = `d${i}`;
        return [
          assign(d, { kind: 'dictComp', key: fstring('k', name(x)), value: mul(name(x), name(x)), generators: [comprehension(x, range(int(size + 2)))] }),
          { kind: 'assign', target: { kind: 'subscript', value: name(d), index: str('extra') }, value: intHere(ctx, offset) },
          print(ctx.label, name(d), method(name(d), 'get', str('k1'))),
          print(ctx.nextLabel(), method(name(d), 'pop', str('k0')), builtin('list', method(name(d), 'keys'))),
        ];
      }
      case 2: { // a set comprehension of small ints, one added
        ctx.charge(3);
        const s = `s${i}`;
        const factor = [7, 10, -3, 33][variant % 4];
        return [
          assign(s, { kind: 'setComp', elt: mod(mul(name(x), int(factor)), int(11 + offset)), generators: [comprehension(x, range(int(offset), int(offset + size + 4)))] }),
          { kind: 'expr', expr: method(name(s), 'add', intHere(ctx, offset)) },
          print(ctx.label, name(s), builtin('len', name(s)), builtin('sorted', name(s))),
        ];
      }
      case 3: { // a set literal of strings (CPython's str hash order), one added
        ctx.charge(3);
        const s = `s${i}`;
        const elts = [0, 1, 2, 3].slice(0, size + 1).map((j) => str(STRINGS[(offset + j * (variant + 1)) % STRINGS.length]));
        return [
          assign(s, { kind: 'set', elts }),
          { kind: 'expr', expr: method(name(s), 'add', fstring('w', intHere(ctx, offset))) },
          print(ctx.label, name(s), { kind: 'compare', left: str('a'), ops: ['in'], comparators: [name(s)] }),
        ];
      }
      case 4: { // set algebra on a literal of small ints (negatives included) and a comprehension
        ctx.charge(3);
        const a = `a${i}`;
        const b = `b${i}`;
        const elts = [0, 1, 2, 3, 4].slice(0, size + 2).map((j) => int(SMALL_INTS[(offset + j * (variant + 1)) % SMALL_INTS.length]));
        const bin = (op: '|' | '&' | '-' | '^'): Expr => ({ kind: 'binOp', op, left: name(a), right: name(b) });
        return [
          assign(a, { kind: 'set', elts }),
          assign(b, { kind: 'setComp', elt: name(x), generators: [comprehension(x, range(int(-2), int(size + 3)))] }),
          print(ctx.label, name(a), bin('|'), bin('&'), bin('-'), bin('^')),
        ];
      }
      default: { // a filtered list comprehension over a range
        ctx.charge(2);
        const xs = `xs${i}`;
        const comp: Expr = {
          kind: 'listComp', elt: mul(name(x), intHere(ctx, variant)),
          generators: [{ target: target(x), iter: range(int(size + 3)), ifs: [{ kind: 'compare', left: mod(name(x), int(2)), ops: ['=='], comparators: [int(offset % 2)] }] }],
        };
        return [assign(xs, comp), print(ctx.label, name(xs), builtin('sum', name(xs)))];
      }
    }
  },
};
