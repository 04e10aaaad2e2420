/**
 * Callbacks and futures (issue 9 item 2): `loop = asyncio.get_running_loop()`; nested-def,
 * lambda and `functools.partial` callbacks printing labels, scheduled with `loop.call_soon`,
 * `loop.call_later`, `loop.call_at(loop.time() + d, ...)` (equal deadlines too: heap order
 * under the ideal clock), handles cancelled (`h.cancel()`, also by a `call_soon(h.cancel)`),
 * `task.add_done_callback(cb)` (cb prints the task's result, exception or cancellation),
 * `remove_done_callback` (its count: 2, or 0 when the task was already done and both were
 * scheduled), and `fut = loop.create_future()` resolved, failed or cancelled by a timer and awaited
 * (then given a late done callback, which call_soon runs after the next line).
 * The interesting part is the order of callbacks against task wake-ups (call_soon FIFO, a
 * task woken by a timer resumes one iteration later, done callbacks go through call_soon).
 *
 * Why valid and deterministic:
 * - A callback that prints is scheduled only where `mainTaskOnly` holds (main's task runs the
 *   function: never cancelled, never still running when `asyncio.run` shuts down), and the
 *   statement then waits until every such callback has run ("the cover"): `await
 *   asyncio.sleep(d)` (any d, for call_soon callbacks alone) or `await asyncio.sleep(D)` with D the largest timer delay scheduled (a timer at `T1 + D`, T1 >=
 *   every earlier clock read, so it fires in the same iteration as the last callback timer or
 *   later, and the task resumes one iteration after that), or, when D is 0 or `sleep` is off,
 *   a future resolved by `call_later(D, ...)` / `call_soon(...)` scheduled after the callbacks
 *   (`sleep(0)` would be a bare yield, ahead of a 0-delay timer). A done callback of a task or
 *   future is registered before the statement awaits it, so it runs before the waiter resumes;
 *   on a task already done it is scheduled at once, which the cover then waits for. So nothing
 *   a callback prints happens during `asyncio.run`'s shutdown, whose order is a set's.
 * - Done callbacks read `t.result()` only after `t.cancelled()` and `t.exception()` said it
 *   holds a result, so no callback raises (the loop would only log it on stderr). A task
 *   given a callback is one no statement cancels (or made right here), then awaited here;
 *   its own exception may end the program, as `await t` does in the `awaitTask` feature.
 * - Elsewhere (a function some task runs, which may be cancelled or outlive main) nothing that
 *   prints is left scheduled: a timer is cancelled right after it is made, a future is settled
 *   by a callback that checks `fut.done()` first (the future is cancelled with its task), and
 *   done callbacks are removed before the future is resolved.
 * Delays are the run's `delays`; every int printed is a literal or an int name in scope.
 */
import type { Expr, Keyword, Stmt } from '../../../ir/program.ts';
import type { CallSkeleton } from '../skeleton.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import { add, asyncio, assign, awaitOf, builtin, callValue, def, exprStmt, int, lambda, method, name, number, print, sleep, str } from './build.ts';

const none: Expr = { kind: 'none' };
const attr = (object: Expr, member: string): Expr => ({ kind: 'attr', object, name: member });
const partial = (func: Expr, args: Expr[], keywords: Keyword[] = []): Expr => ({ kind: 'partial', func, args, keywords });
const isNotNone = (value: Expr): Expr => ({ kind: 'compare', left: value, ops: ['is not'], comparators: [none] });

/** An int here: the innermost int name plus `k`, else the literal `k`. */
function intHere(ctx: FeatureContext, k: number): Expr {
  const innermost = ctx.intNames.at(-1);
  return innermost === undefined ? int(k) : add(name(innermost), int(k));
}

/** picks: form, first delay, second delay, variant. */
export const callbacks: FeatureModule = {
  feature: 'callbacks',
  picks: [4, 8, 8, 3],
  // Over-approximated: the call-soon form may start a task of its callee, the done-callback form awaits one.
  spawns: ([form]) => form % 5 === 0 || form % 5 === 3,
  appearsIn: (python) => /\.call_soon\(|\.call_later\(|\.call_at\(|\.add_done_callback\(|\.create_future\(\)/.test(python),
  lower([form, a, b, variant], call, ctx) {
    const loop = `loop${ctx.index}`;
    const start = assign(loop, asyncio('get_running_loop'));
    const d1 = ctx.delay(a);
    const d2 = ctx.delay(b);
    if (!ctx.mainTaskOnly) return [start, ...inAnyTask(form, d1, variant, ctx)];
    switch (form % 5) {
      case 0: return [start, ...callSoonOrder(variant, call, ctx)];
      case 1: return [start, ...timerOrder(d1, d2, variant, ctx)];
      case 2: return [start, ...cancelledHandles(d1, d2, variant, ctx)];
      case 3: return doneCallbacks(variant, call, ctx);
      default: return [start, ...awaitedFuture(d1, variant, ctx)];
    }
  },
};

/** `def cb3(tag, value=0): print('main:3', tag, value)`: the callback most forms schedule. */
function callbackDef(ctx: FeatureContext): Stmt {
  return def({
    name: `cb${ctx.index}`, isAsync: false,
    params: [{ name: 'tag' }, { name: 'value', default: int(0) }],
    body: [print(ctx.label, name('tag'), name('value'))],
  });
}

/** `loop3.<m>(args)` as a statement. */
const onLoop = (ctx: FeatureContext, m: 'call_soon' | 'call_later' | 'call_at', ...args: Expr[]): Stmt => exprStmt(method(name(`loop${ctx.index}`), m, ...args));

/**
 * Waits until every callback scheduled so far has run (see the header): the last timer is at
 * `delay` (null: only call_soon callbacks).
 */
function cover(ctx: FeatureContext, delay: number | null): Stmt[] {
  // Any sleep covers call_soon callbacks (a bare yield queues the task behind them): the run's first delay, as given.
  if (ctx.features.sleep && delay === null) return [sleep(ctx.delay(0))];
  if (ctx.features.sleep && delay !== null && delay > 0) return [sleep(delay)];
  const done = `done${ctx.index}`;
  const resolve = attr(name(done), 'set_result');
  return [
    assign(done, method(name(`loop${ctx.index}`), 'create_future')),
    delay === null ? onLoop(ctx, 'call_soon', resolve, none) : onLoop(ctx, 'call_later', number(delay), resolve, none),
    exprStmt(awaitOf(name(done))),
  ];
}

/** Callbacks queued with call_soon, behind a task's first step when a task is made first. */
function callSoonOrder(variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  ctx.charge(6);
  const cb = name(`cb${ctx.index}`);
  const out: Stmt[] = [callbackDef(ctx)];
  const coroutine = ctx.features.createTask && variant % 2 === 0 ? ctx.callOf(call) : null;
  if (coroutine !== null) out.push(exprStmt(asyncio('create_task', coroutine)));
  out.push(onLoop(ctx, 'call_soon', cb, str('soon'), intHere(ctx, 1)));
  out.push(variant < 2
    ? onLoop(ctx, 'call_soon', partial(cb, [str('partial')], [{ name: 'value', value: int(2) }]))
    : onLoop(ctx, 'call_soon', lambda([], callValue(cb, [str('lambda'), int(3)]))));
  out.push(print(ctx.nextLabel(), str('scheduled')));
  return [...out, ...cover(ctx, null), print(ctx.nextLabel(), str('resumed'))];
}

/** call_later, call_at and call_soon together; odd variants add a timer tied with the first (heap order). */
function timerOrder(d1: number, d2: number, variant: number, ctx: FeatureContext): Stmt[] {
  ctx.charge(8);
  const i = ctx.index;
  const cb = name(`cb${i}`);
  const loop = name(`loop${i}`);
  const out: Stmt[] = [
    callbackDef(ctx),
    onLoop(ctx, 'call_later', number(d1), cb, str('later'), intHere(ctx, 1)),
    onLoop(ctx, 'call_at', add(method(loop, 'time'), number(d2)), variant < 2 ? cb : partial(cb, [], [{ name: 'value', value: int(2) }]), str('at')),
  ];
  if (variant % 2 === 1) out.push(onLoop(ctx, 'call_later', number(d1), partial(cb, [str('tie')])));
  out.push(onLoop(ctx, 'call_soon', lambda([], callValue(cb, [str('soon')]))));
  out.push(print(ctx.nextLabel(), str('scheduled')));
  return [...out, ...cover(ctx, Math.max(d1, d2))];
}

/** A timer and a call_soon handle cancelled (at once, or by a call_soon'd `h.cancel`); another timer kept. */
function cancelledHandles(d1: number, d2: number, variant: number, ctx: FeatureContext): Stmt[] {
  ctx.charge(8);
  const i = ctx.index;
  const cb = name(`cb${i}`);
  const h = name(`h${i}`);
  const k = name(`k${i}`);
  const out: Stmt[] = [
    callbackDef(ctx),
    assign(`h${i}`, method(name(`loop${i}`), 'call_later', number(d1), cb, str('cancelled'))),
    assign(`k${i}`, method(name(`loop${i}`), 'call_later', number(d2), cb, str('kept'), intHere(ctx, 0))),
    print(ctx.nextLabel(), method(h, 'cancelled')),
  ];
  if (variant % 2 === 0) out.push(exprStmt(method(h, 'cancel')));
  else out.push(onLoop(ctx, 'call_soon', attr(h, 'cancel')));
  if (variant >= 2) {
    out.push(assign(`s${i}`, method(name(`loop${i}`), 'call_soon', cb, str('soon cancelled'))));
    out.push(exprStmt(method(name(`s${i}`), 'cancel')));
  }
  out.push(print(ctx.nextLabel(), method(h, 'cancelled'), method(k, 'cancelled')));
  return [...out, ...cover(ctx, d2)];
}

/** `t.add_done_callback(on_done)` on a task of the function or a new one, then `v = await t`. */
function doneCallbacks(variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const i = ctx.index;
  let task = ctx.awaitableTasks.length === 0 ? undefined : ctx.awaitableTasks[variant % ctx.awaitableTasks.length];
  const out: Stmt[] = [assign(`loop${i}`, asyncio('get_running_loop'))];
  if (task === undefined || variant === 3) {
    const coroutine = ctx.features.createTask ? ctx.callOf(call) : null;
    if (coroutine === null) return ctx.fallback();
    task = `t${i}`;
    out.push(assign(task, asyncio('create_task', coroutine)));
  }
  ctx.charge(9);
  const t = name(task);
  const onDone = `on_done${i}`;
  const arg = name('t');
  out.push(def({
    name: onDone, isAsync: false, params: [{ name: 't' }],
    body: [{
      kind: 'if', test: method(arg, 'cancelled'), body: [print(ctx.label, str('cancelled'))],
      orelse: [{
        kind: 'if', test: isNotNone(method(arg, 'exception')),
        body: [print(ctx.nextLabel(), str('raised'), builtin('repr', method(arg, 'exception')))],
        orelse: [print(ctx.nextLabel(), str('result'), method(arg, 'result'))],
      }],
    }],
  }));
  out.push(exprStmt(method(t, 'add_done_callback', name(onDone))));
  if (variant % 3 === 1) {
    // Registered twice, both removed (2); on a task already done both were scheduled at once (0).
    out.push(exprStmt(method(t, 'add_done_callback', name(onDone))));
    out.push(print(ctx.nextLabel(), method(t, 'remove_done_callback', name(onDone))));
  } else if (variant % 3 === 2) {
    out.push(exprStmt(method(t, 'add_done_callback', lambda([{ name: 'f' }], builtin('print', ctx.nextLabel(), str('lambda'), method(name('f'), 'done'))))));
  }
  const v = `v${i}`;
  out.push(assign(v, awaitOf(t)), print(ctx.nextLabel(), name(v), method(t, 'done')));
  return [...out, ...cover(ctx, null)];
}

/** A future resolved (or failed, or cancelled) by a callback, with a done callback, awaited; resolved ones get a late done callback too. */
function awaitedFuture(d1: number, variant: number, ctx: FeatureContext): Stmt[] {
  ctx.charge(7);
  const i = ctx.index;
  const fut = name(`fut${i}`);
  const v = `v${i}`;
  const out: Stmt[] = [
    assign(`fut${i}`, method(name(`loop${i}`), 'create_future')),
    exprStmt(method(fut, 'add_done_callback', lambda([{ name: 'f' }], builtin('print', ctx.label, str('done'), method(name('f'), 'cancelled'))))),
  ];
  const awaited: Stmt[] = [assign(v, awaitOf(fut)), print(ctx.nextLabel(), name(v), method(fut, 'done'))];
  // A done callback added to the future once it is done: scheduled with call_soon, so it prints after the next line (the cover waits for it).
  const late = (): Stmt[] => [
    exprStmt(method(fut, 'add_done_callback', lambda([{ name: 'f' }], builtin('print', ctx.nextLabel(), str('late'), method(name('f'), 'result'))))),
    print(ctx.nextLabel(), str('added late')),
    ...cover(ctx, null),
  ];
  switch (variant) {
    case 0:
      return [...out, onLoop(ctx, 'call_later', number(d1), attr(fut, 'set_result'), intHere(ctx, 5)), ...awaited, ...late()];
    case 1:
      return [...out, onLoop(ctx, 'call_soon', partial(attr(fut, 'set_result'), [intHere(ctx, 6)])), ...awaited, ...late()];
    case 2: {
      const e = `e${i}`;
      return [
        ...out,
        onLoop(ctx, 'call_later', number(d1), attr(fut, 'set_exception'), { kind: 'excCall', name: 'ValueError', args: [ctx.label] }),
        { kind: 'try', body: awaited, handlers: [{ type: { kind: 'excClass', name: 'ValueError' }, name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)))] }], orelse: [], finalbody: [] },
      ];
    }
    default:
      // Main's task catches the CancelledError of the future it awaited (only main's task runs this: see the header).
      return [
        ...out,
        onLoop(ctx, 'call_later', number(d1), attr(fut, 'cancel')),
        { kind: 'try', body: awaited, handlers: [{ type: { kind: 'excClass', name: 'asyncio.CancelledError' }, body: [print(ctx.nextLabel(), str('cancelled'), method(fut, 'cancelled'))] }], orelse: [], finalbody: [] },
      ];
  }
}

/** Where a task runs the function: nothing that prints stays scheduled (see the header). */
function inAnyTask(form: number, d1: number, variant: number, ctx: FeatureContext): Stmt[] {
  const i = ctx.index;
  const loop = name(`loop${i}`);
  const fut = name(`fut${i}`);
  switch (form % 3) {
    case 0: { // a timer cancelled right away
      ctx.charge(4);
      const h = name(`h${i}`);
      return [
        assign(`h${i}`, method(loop, 'call_later', number(d1), lambda([], builtin('print', ctx.nextLabel(), str('never'))))),
        exprStmt(method(h, 'cancel')),
        print(ctx.label, method(h, 'cancelled')),
      ];
    }
    case 1: { // a future settled by a guarded callback, awaited
      ctx.charge(4);
      const settle = lambda([], { kind: 'boolOp', op: 'or', values: [method(fut, 'done'), method(fut, 'set_result', intHere(ctx, variant))] });
      const v = `v${i}`;
      return [
        assign(`fut${i}`, method(loop, 'create_future')),
        exprStmt(variant % 2 === 0 ? method(loop, 'call_soon', settle) : method(loop, 'call_later', number(d1), settle)),
        assign(v, awaitOf(fut)),
        print(ctx.label, name(v)),
      ];
    }
    default: { // done callbacks removed before the future is resolved
      ctx.charge(6);
      const cb = `cb${i}`;
      return [
        assign(`fut${i}`, method(loop, 'create_future')),
        assign(cb, lambda([{ name: 'f' }], builtin('print', ctx.nextLabel(), str('never')))),
        exprStmt(method(fut, 'add_done_callback', name(cb))),
        exprStmt(method(fut, 'add_done_callback', name(cb))),
        print(ctx.label, method(fut, 'remove_done_callback', name(cb)), method(fut, 'done')),
        exprStmt(method(fut, 'set_result', intHere(ctx, variant))),
        print(ctx.nextLabel(), awaitOf(fut), method(fut, 'result')),
      ];
    }
  }
}
