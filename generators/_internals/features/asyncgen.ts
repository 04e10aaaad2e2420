/**
 * Async generators and `async for` (issue 8 item 10): a nested `async def agenK(n):` that
 * yields `n * 10 + i` for `i` in `range(count)`, sleeping before or after each yield, sometimes
 * inside `try/finally` printing that it closed; consumed by `async for` (to the end, or up to a
 * `break` followed by `await g.aclose()`), by an async comprehension (maybe filtered), by
 * `await anext(g)` then `aclose()` or the rest and `anext(g, None)`, or kept in a module-level
 * list after one `anext` so that `asyncio.run`'s `shutdown_asyncgens` closes it.
 *
 * Why valid, terminating and deterministic:
 * - Every generator made here is exhausted or explicitly `aclose()`d before the statement ends,
 *   except the kept one; nothing suspends between making a generator and finishing it other
 *   than inside the generator itself. So none is left for CPython's refcount finalizer (which
 *   would close it in a task of its own) and none but the kept one for `shutdown_asyncgens`
 *   (whose order follows a WeakSet's). A task cancelled while inside a generator's sleep
 *   (at shutdown or by a `cancel` statement) raises CancelledError through it: it finishes.
 * - The `finally` print is emitted only where `mainTaskOnly` holds (main's task is never
 *   cancelled at shutdown, so the print never runs during the shutdown cancellation), and for
 *   the kept generator: there is at most one per program (a global `kept` bound once, in
 *   main's top-level block, which runs once), and `asyncio.run` closes it after cancelling
 *   the remaining tasks (runners.py 3.11: `_cancel_all_tasks`, then `shutdown_asyncgens`), when
 *   nothing else runs; it is started (one `anext`, `firstiter` hook) and has two yields, so it is
 *   suspended at a yield then. The `finally` never awaits.
 * - `break` and the consumers' bodies only print; `aclose()` of an exhausted generator is a no-op.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { add, assign, awaitOf, builtin, def, exprStmt, forRange, int, list, method, mul, name, print, sleep, str } from './build.ts';
import { asyncFor, asyncListComp, intHere } from './build-managers.ts';

const KEPT = 'kept';

/** picks: form, yields (1 + k), delay, finally print, variant, sleep after the yield. */
export const asyncGenerators: FeatureModule = {
  feature: 'asyncGenerators',
  picks: [4, 2, 8, 1, 1, 1],
  appearsIn: (python) => /async def agen\d+\(n\):/.test(python),
  lower([form, yields, delayPick, withFinally, variant, sleepAfter], _call, ctx) {
    const i = ctx.index;
    const agen = `agen${i}`;
    const g = `g${i}`;
    const x = `x${i}`;
    let shape = form % 5;
    // Shutdown closes exactly one generator: the first kept form of main's top-level block.
    if (shape === 4 && (ctx.functionName !== 'main' || ctx.intNames.length > 0 || !ctx.defineGlobal(KEPT, assign(KEPT, list())))) shape = 2;
    // An `async for` is a loop of this block: where no deeper loop may go, a comprehension or anext instead.
    if (!ctx.loopsAllowed && shape === 0) shape = 1;
    if (!ctx.loopsAllowed && shape === 3) shape = 2;
    const count = shape === 4 ? Math.max(2, yields + 1) : yields + 1;
    const finallyLabel = shape === 4 || (withFinally === 1 && ctx.mainTaskOnly) ? ctx.nextLabel() : null;
    ctx.charge(3 + 3 * count);

    // The generator.
    const pause = ctx.features.sleep ? [sleep(ctx.delay(delayPick))] : [];
    const step = (value: Expr): Stmt[] => (sleepAfter === 1 ? [exprStmt({ kind: 'yield', value }), ...pause] : [...pause, exprStmt({ kind: 'yield', value })]);
    const tens = mul(name('n'), int(10));
    const loop: Stmt[] = ctx.loopsAllowed && ctx.features.forLoop
      ? [forRange('i', int(count), step(add(tens, name('i'))))]
      : Array.from({ length: count }, (_, k) => step(add(tens, int(k)))).flat();
    const body: Stmt[] = finallyLabel === null ? loop : [{ kind: 'try', body: loop, handlers: [], orelse: [], finalbody: [print(finallyLabel, str('closed'), name('n'))] }];
    const made: Stmt = def({ name: agen, isAsync: true, params: [{ name: 'n' }], body });
    const fresh = (): Expr => ({ kind: 'callValue', func: name(agen), args: [intHere(ctx, yields)], keywords: [] });

    // Its consumer.
    const next = (...args: Expr[]): Expr => awaitOf(builtin('anext', ...args));
    switch (shape) {
      case 0: // to the end
        return [made, asyncFor(x, fresh(), [print(ctx.label, name(x))])];
      case 1: { // an async comprehension, maybe filtered
        const xs = `xs${i}`;
        const even: Expr = { kind: 'compare', left: { kind: 'binOp', op: '%', left: name(x), right: int(2) }, ops: ['=='], comparators: [int(0)] };
        return [made, assign(xs, asyncListComp(name(x), x, fresh(), variant === 1 ? [even] : [])), print(ctx.label, name(xs))];
      }
      case 2: { // anext, then aclose() or the rest and anext's default
        const first = [made, assign(g, fresh()), print(ctx.label, next(name(g)))];
        if (variant === 0) return [...first, exprStmt(awaitOf(method(name(g), 'aclose')))];
        const rest = `rest${i}`;
        return [...first, assign(rest, asyncListComp(name(x), x, name(g))), print(ctx.nextLabel(), name(rest), next(name(g), { kind: 'none' }))];
      }
      case 3: { // break (at once, or at the first odd value), then aclose()
        const odd: Expr = { kind: 'compare', left: { kind: 'binOp', op: '%', left: name(x), right: int(2) }, ops: ['=='], comparators: [int(1)] };
        const stop: Stmt = variant === 0 ? { kind: 'break' } : { kind: 'if', test: odd, body: [{ kind: 'break' }], orelse: [] };
        return [
          made,
          assign(g, fresh()),
          asyncFor(x, name(g), [print(ctx.label, name(x)), stop]),
          exprStmt(awaitOf(method(name(g), 'aclose'))),
        ];
      }
      default: // kept past main: shutdown_asyncgens closes it (its finally prints then)
        return [made, assign(g, fresh()), exprStmt(method(name(KEPT), 'append', name(g))), print(ctx.label, next(name(g)))];
    }
  },
};
