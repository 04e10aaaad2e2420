/**
 * `Task.cancelling()` and `Task.uncancel()` inside timeout handling (issue 9 item 2), on main's
 * task (`asyncio.current_task()`):
 * - the work of a `timeout` block in `try/except asyncio.CancelledError` whose handler prints
 *   `cancelling()`, then re-raises, calls `uncancel()` and swallows, or calls `uncancel()` and
 *   re-raises; `cancelling()` printed after the block and in the TimeoutError handler;
 * - a self-cancellation caught at the next await, with or without `uncancel()` (its return
 *   value printed), followed by a timeout block that expires: 3.11.7 records the cancel count
 *   on entry, so the block still raises TimeoutError, and `cancelling()` shows what was left.
 * A separate feature from `timeouts` because `asyncio.current_task` has no plain-promise
 * counterpart (the native side switches it off, as it does selfCancel).
 *
 * Why valid and deterministic: only where `mainTaskOnly` holds, so the cancellations caught
 * here are main's task's own (its timeout's, or its own `cancel()` one statement earlier, caught
 * at the next await inside the same `try`), main's task is never cancelled by the shutdown, and
 * nothing here prints during it. The self-cancellation is delivered at `await
 * asyncio.sleep(d)` whatever `d` (the pending cancel cancels the sleep at once). `uncancel()`
 * never goes below 0 (3.11), so every count printed is decided by the statements alone; a count
 * left above 0 makes later timeouts and task groups in main behave as CPython says, which the
 * port must match too.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { asyncio, asyncWith, excClass, exprStmt, method, name, print, sleep, str, tryExcept } from './build.ts';
import { deadlineOf, timeoutCall, timeoutHandlers, workOf } from './timeouts.ts';

const me = (): Expr => asyncio('current_task');
const cancelling = (): Expr => method(me(), 'cancelling');
const uncancel = (): Expr => method(me(), 'uncancel');

/** picks: form, deadline delay, second deadline delay, work form, another delay, variant. */
export const uncancelTimeouts: FeatureModule = {
  feature: 'uncancel',
  picks: [1, 8, 9, 3, 8, 5],
  appearsIn: (python) => /asyncio\.current_task\(\)\.(cancelling|uncancel)\(\)/.test(python),
  lower([form, a, b, workForm, other, variant], call, ctx) {
    if (!ctx.mainTaskOnly) return ctx.fallback();
    const deadline = deadlineOf(a, b, ctx);
    const cm = `cm${ctx.index}`;
    const expired = method(name(cm), 'expired');
    if (form === 1 && ctx.features.sleep) {
      // Self-cancel, caught at the next await; maybe uncancelled; then a timeout that expires.
      const work = workOf(workForm, other, deadline, call, ctx);
      if (work === null) return ctx.fallback();
      ctx.charge(9);
      const caught = variant % 2 === 1 ? [cancelling(), uncancel(), cancelling()] : [cancelling()];
      return [
        exprStmt(method(me(), 'cancel')),
        tryExcept(
          [sleep(ctx.delay(0)), print(ctx.nextLabel(), str('not reached'))],
          [{ type: excClass('asyncio.CancelledError'), body: [print(ctx.label, str('self-cancelled'), ...caught)] }],
        ),
        tryExcept(
          [asyncWith(timeoutCall(deadline.expr, false), cm, work), print(ctx.nextLabel(), str('in time'), expired, cancelling())],
          timeoutHandlers(variant >> 1, ctx, [expired, cancelling()]),
        ),
      ];
    }
    const work = workOf(workForm, other, deadline, call, ctx);
    if (work === null) return ctx.fallback();
    ctx.charge(7);
    const handler: Stmt[] = [
      [print(ctx.nextLabel(), str('cancelled'), cancelling()), { kind: 'raise' } as Stmt],
      [print(ctx.nextLabel(), str('uncancelled'), cancelling(), uncancel())],
      [print(ctx.nextLabel(), str('uncancel, raise'), uncancel()), { kind: 'raise' } as Stmt],
    ][variant % 3];
    const guarded = tryExcept(work, [{ type: excClass('asyncio.CancelledError'), body: handler }]);
    return [tryExcept(
      [asyncWith(timeoutCall(deadline.expr, false), cm, [guarded]), print(ctx.label, str('in time'), expired, cancelling())],
      timeoutHandlers(variant >> 1, ctx, [expired, cancelling()]),
    )];
  },
};
