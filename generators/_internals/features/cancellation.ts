/**
 * Cancellation (issue 9 item 2): `cancelAwait` cancels a task that is sleeping, running or
 * already finished (an optional sleep first lets it start or end), prints `cancel()`'s
 * return value (once or twice), then awaits it inside `try/except asyncio.CancelledError`
 * whose handler prints `task.cancelled()`, swallows silently, re-raises into an outer
 * handler, or is an `except BaseException`. `selfCancel` has main's task cancel itself
 * (`asyncio.current_task().cancel()`) and catch the CancelledError at its next await.
 *
 * Why valid and deterministic:
 * - Only where `mainTaskOnly` holds (only main's task runs the function) is a cancelled task
 *   awaited or a CancelledError caught. Main's task is done before `asyncio.run` cancels the
 *   leftover tasks, so no handler prints during that shutdown, whose order is a set's; and
 *   no task that could itself be cancelled swallows a cancellation. Elsewhere the statement
 *   only prints `t.cancel()` and marks the task cancelled, so nobody awaits it (lower.ts's
 *   two passes), as the older `cancel` feature does.
 * - The cancelled task is one of the function's own, certainly assigned (made right here, of a
 *   later function, when there is none yet). Whatever state it
 *   is in, `await t` either returns its result, raises its own exception (caught by the
 *   `except Exception` handler), or raises CancelledError (caught by the CancelledError
 *   handler; the re-raise form re-raises into an outer handler that catches it). A task's
 *   own code never catches CancelledError (generated handlers catch Exception subclasses).
 * - Self-cancellation happens only in main's task, immediately followed by `await
 *   asyncio.sleep(d)` inside the same `try` (`d` the run's first delay: the pending cancel
 *   cancels the sleep at once, whatever `d`), so the cancellation is delivered there and caught.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import { asyncio, assign, awaitOf, builtin, method, name, print, sleep, str } from './build.ts';

const cancelledError: Expr = { kind: 'excClass', name: 'asyncio.CancelledError' };
const exception: Expr = { kind: 'excClass', name: 'Exception' };
const baseException: Expr = { kind: 'excClass', name: 'BaseException' };

/** picks: task, sleep first (0: no, else a delay), handler form, cancel twice. */
export const cancelAwait: FeatureModule = {
  feature: 'cancelAwait',
  picks: [7, 4, 3, 1],
  // Over-approximated: the call runs in a task whenever the function has no task of its own yet.
  spawns: () => true,
  appearsIn: (python) => /print\('[\w:]+', t\d+\.cancel\(\)/.test(python),
  lower([taskPick, before, form, twice], call, ctx) {
    const out: Stmt[] = [];
    let task = ctx.tasks.length === 0 ? undefined : ctx.tasks[taskPick % ctx.tasks.length];
    if (task === undefined) {
      // No task of its own yet: make one (of a later function) to cancel.
      const coroutine = ctx.features.createTask ? ctx.callOf(call) : null;
      if (coroutine === null) return ctx.fallback();
      task = `t${ctx.index}`;
      out.push(assign(task, asyncio('create_task', coroutine)));
    }
    ctx.markCancelled(task);
    const t = name(task);
    const cancels = twice === 1 ? [method(t, 'cancel'), method(t, 'cancel')] : [method(t, 'cancel')];
    if (!ctx.mainTaskOnly) {
      ctx.charge(1);
      return [...out, print(ctx.label, ...cancels)];
    }
    ctx.charge(6);
    if (before > 0 && ctx.features.sleep) out.push(sleep(ctx.delay(before - 1)));
    out.push(print(ctx.label, ...cancels));
    out.push(awaitInTry(t, form, ctx));
    out.push(print(ctx.nextLabel(), method(t, 'cancelled'), method(t, 'done')));
    return out;
  },
};

/** `try: v = await t; print(v)` with the handlers of `form`. */
function awaitInTry(t: Expr, form: number, ctx: FeatureContext): Stmt {
  const v = `v${ctx.index}`;
  const e = `e${ctx.index}`;
  const body: Stmt[] = [assign(v, awaitOf(t)), print(ctx.nextLabel(), name(v))];
  const otherwise = { type: exception, name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)))] };
  switch (form % 4) {
    case 0: // swallow, saying so
      return { kind: 'try', body, handlers: [{ type: cancelledError, body: [print(ctx.nextLabel(), str('cancelled'), method(t, 'cancelled'))] }, otherwise], orelse: [], finalbody: [] };
    case 1: // swallow silently
      return { kind: 'try', body, handlers: [{ type: cancelledError, body: [{ kind: 'pass' }] }, otherwise], orelse: [], finalbody: [] };
    case 2: { // re-raise into an outer handler
      const inner: Stmt = {
        kind: 'try', body,
        handlers: [{ type: cancelledError, body: [print(ctx.nextLabel(), str('inner'), method(t, 'cancelled')), { kind: 'raise' }] }, otherwise],
        orelse: [], finalbody: [],
      };
      const outer = `o${ctx.index}`;
      return { kind: 'try', body: [inner], handlers: [{ type: cancelledError, name: outer, body: [print(ctx.nextLabel(), str('outer'), builtin('repr', name(outer)))] }], orelse: [], finalbody: [] };
    }
    default: // an `except Exception`, then everything else by type name
      return {
        kind: 'try', body,
        handlers: [otherwise, { type: baseException, name: e, body: [print(ctx.nextLabel(), { kind: 'typeName', value: name(e) })] }],
        orelse: [], finalbody: [],
      };
  }
}

/** picks: whether the handler also prints `current_task().cancelled()` (False: the task still runs). */
export const selfCancel: FeatureModule = {
  feature: 'selfCancel',
  picks: [1],
  appearsIn: (python) => python.includes('asyncio.current_task().cancel()'),
  lower([form], _call, ctx) {
    if (!ctx.mainTaskOnly || !ctx.features.sleep) return ctx.fallback();
    ctx.charge(4);
    const me = asyncio('current_task');
    const body = [print(ctx.label, method(me, 'cancel')), sleep(ctx.delay(0)), print(ctx.nextLabel(), str('not reached'))];
    const handler: Stmt[] = [print(ctx.nextLabel(), str('self-cancelled'), ...(form === 1 ? [method(me, 'cancelled')] : []))];
    return [{
      kind: 'try',
      body,
      handlers: [{ type: cancelledError, body: handler }],
      orelse: [],
      finalbody: [],
    }];
  },
};
