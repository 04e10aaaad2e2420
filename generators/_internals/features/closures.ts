/**
 * Closures and callbacks (issue 8 item 3): a nested `def` bumping a `nonlocal` counter and
 * taking a keyword-only argument; lambdas made in a loop that capture the loop variable
 * (late binding: all see its last value) or bind it as a default; `functools.partial` of a
 * nested def (positional and keyword arguments, overridden at the call); callbacks kept in a
 * list and called later; `functools.partial` of a worker coroutine function, awaited.
 *
 * Why valid and deterministic: every name a closure reads or `nonlocal`-declares is
 * assigned in the enclosing function before the closure is defined or called, names carry
 * the statement's index (unique in the function), arguments are ints, and nothing here
 * awaits except the partial-of-a-worker form, which is an ordinary awaited call of a later
 * function (charged like one, so the DAG and the statement budget hold). A closure's
 * print runs synchronously in its caller's step, never during shutdown.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import { add, assign, awaitOf, callValue, def, exprStmt, forRange, int, lambda, list, method, mul, name, print, range, str, target } from './build.ts';

/** An int here: the innermost int name plus `k`, else the literal `k`. */
function intHere(ctx: FeatureContext, k: number): Expr {
  const innermost = ctx.intNames.at(-1);
  return innermost === undefined ? int(k) : add(name(innermost), int(k));
}

/** picks: form, a small int, a variant. */
export const closures: FeatureModule = {
  feature: 'closures',
  picks: [4, 3, 1],
  appearsIn: (python) => /nonlocal|lambda|functools\.partial|^\s+def /m.test(python),
  lower([form, k, variant], call, ctx) {
    const i = ctx.index;
    if (form % 5 === 4) {
      const worker = ctx.callOf(call);
      if (worker !== null && worker.kind === 'call') {
        // `w3 = functools.partial(worker2, 1)` or `functools.partial(worker2, n=1)`; `v3 = await w3()`
        const arg = worker.args[0];
        const partial: Expr = variant === 0
          ? { kind: 'partial', func: name(worker.func), args: [arg], keywords: [] }
          : { kind: 'partial', func: name(worker.func), args: [], keywords: [{ name: 'n', value: arg }] };
        ctx.charge(2);
        return [assign(`w${i}`, partial), assign(`v${i}`, awaitOf(callValue(name(`w${i}`), []))), print(ctx.label, name(`v${i}`))];
      }
    }
    switch (form % 5) {
      case 1: { // lambdas capturing a loop variable: late-bound, or bound as a default
        ctx.charge(3 + k);
        const q = `q${i}`;
        const made = variant === 0
          ? lambda([{ name: 'x' }], add(name('x'), name(q)))
          : lambda([{ name: 'x' }, { name: q, default: name(q) }], mul(name('x'), name(q)));
        const f = `f${i}`;
        const making = ctx.loopsAllowed
          ? [assign(`fs${i}`, list()), forRange(q, int(k + 1), [exprStmt(method(name(`fs${i}`), 'append', made))])]
          : [assign(`fs${i}`, { kind: 'listComp', elt: made, generators: [{ target: target(q), iter: range(int(k + 1)), ifs: [] }] } as Expr)];
        // The results are bound first: a short print keeps its label on one line of the formatted TypeScript.
        return [
          ...making,
          assign(`rs${i}`, { kind: 'listComp', elt: callValue(name(f), [int(10)]), generators: [{ target: target(f), iter: name(`fs${i}`), ifs: [] }] }),
          print(ctx.label, name(`rs${i}`)),
        ];
      }
      case 2: { // functools.partial of a nested def with a keyword-only parameter
        ctx.charge(4);
        const scale = `scale${i}`;
        const p = `p${i}`;
        const body: Stmt[] = [{ kind: 'return', value: add(mul(name('a'), name('b')), name('c')) }];
        return [
          def({ name: scale, isAsync: false, params: [{ name: 'a' }, { name: 'b' }], kwonly: [{ name: 'c', default: int(0) }], body }),
          assign(p, { kind: 'partial', func: name(scale), args: [intHere(ctx, k)], keywords: [{ name: 'c', value: int(variant) }] }),
          print(ctx.label, callValue(name(p), [int(3)]), callValue(name(p), [int(2)], [{ name: 'c', value: int(5) }])),
        ];
      }
      case 3: { // callbacks kept in a list, called later
        ctx.charge(6);
        const report = `report${i}`;
        const cbs = `cbs${i}`;
        const cb = `cb${i}`;
        const label = ctx.label;
        return [
          def({ name: report, isAsync: false, params: [{ name: 'tag' }, { name: 'value' }], body: [print(label, name('tag'), name('value'))] }),
          assign(cbs, list(name(report), lambda([{ name: 'tag' }, { name: 'value' }], callValue(name(report), [name('tag'), mul(name('value'), int(2))])))),
          ...(ctx.loopsAllowed
            ? [{ kind: 'for', target: target(cb), iter: name(cbs), body: [exprStmt(callValue(name(cb), [str(variant === 0 ? 'cb' : 'later'), intHere(ctx, k)]))] } as Stmt]
            : [0, 1].map((j) => exprStmt(callValue({ kind: 'subscript', value: name(cbs), index: int(j) }, [str(variant === 0 ? 'cb' : 'later'), intHere(ctx, k)])))),
        ];
      }
      default: { // a nonlocal counter bumped by a nested def with a keyword-only parameter
        ctx.charge(6);
        const count = `count${i}`;
        const bump = `bump${i}`;
        return [
          assign(count, int(0)),
          def({
            name: bump, isAsync: false, params: [{ name: 'step' }], kwonly: [{ name: 'scale', default: int(1) }],
            body: [
              { kind: 'nonlocal', names: [count] },
              { kind: 'augAssign', target: target(count), op: '+', value: mul(name('step'), name('scale')) },
              { kind: 'return', value: name(count) },
            ],
          }),
          exprStmt(callValue(name(bump), [intHere(ctx, k)])),
          print(ctx.label, callValue(name(bump), [int(1)], [{ name: 'scale', value: int(k + 1) }]), name(count)),
        ];
      }
    }
  },
};
