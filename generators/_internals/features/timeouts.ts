/**
 * Timeouts racing the work they bound (issue 9 item 2): `async with asyncio.timeout(d) as cm3:`
 * (or `timeout_at(loop.time() + d)`) around awaits, `await asyncio.wait_for(worker2(n), d)`,
 * two nested timeouts whose deadlines tie or nearly tie, `timeout(None)` armed later with
 * `cm3.reschedule(...)` (or a deadline disarmed with `reschedule(None)`), `asyncio.shield(t3)`
 * under a timeout or `wait_for` (the outer await ends, the shielded task goes on and is awaited
 * afterwards), and `except asyncio.CancelledError` inside the block that re-raises or swallows
 * the timeout's cancellation. Each form is in `try/except TimeoutError` (sometimes spelt
 * `asyncio.TimeoutError`, the same class in 3.11) printing `repr(e)`, maybe `repr(e.__cause__)`,
 * `cm3.expired()`, then `except Exception` printing `repr(e)`.
 *
 * The deadline is one of the run's delays or a sum of two, written as the sum (`0.1 + 0.2`), and
 * the work inside sleeps those same delays one after the other (`sleep(0.1); sleep(0.2)`), so
 * deadline and work tie exactly under the ideal clock or miss by a float rounding or a clock
 * quantum: which side wins is what the heap order, `wait_for`'s inner-completion race and the
 * realistic clock's reads decide.
 *
 * Why valid and deterministic:
 * - A `timeout` block anywhere: its TimeoutError (or a worker's exception) is raised in the
 *   running task's own step, never during `asyncio.run`'s shutdown. If the shutdown cancels a
 *   task inside a block, the task's cancel count is 2 whether the deadline fired before or
 *   after, so 3.11.7's `__aexit__` (`uncancel() <= cancelling-on-entry`) lets the
 *   CancelledError through: no handler here prints during the shutdown, whose order is a set's.
 * - `wait_for` only where `mainTaskOnly`: in 3.11, a `wait_for` whose caller is cancelled after
 *   its inner task finished returns the result and swallows the cancellation; in a task that
 *   the shutdown cancels, that would print during the shutdown. Main's task is never cancelled
 *   there, and `wait_for` awaits its inner task (cancelled on timeout) before it returns.
 * - A CancelledError is caught only where `mainTaskOnly`. Main's task is cancelled inside a
 *   block by the block's deadline, or by a statement of the work that cancels it (selfCancel,
 *   a TaskGroup whose child fails) and catches that cancellation itself but may leave the
 *   cancel count raised (3.11 TaskGroups do), so that the expiry stays a CancelledError
 *   (`cancelledGuard`); re-raising, swallowing and that guard are all decided by the loop alone.
 * - The shielded task is this statement's own, created here and awaited at its end, inside
 *   `except Exception`: it either returns, raises its own exception, or (in a task the shutdown
 *   cancels) is cancelled together with its awaiter, silently.
 * - Names carry the statement's index; `cm3` is bound before the block's first await, so the
 *   handlers can read it; every form terminates (sleeps and calls of later functions only).
 */
import type { Expr, ExceptHandler, Stmt } from '../../../ir/program.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import type { CallSkeleton } from '../skeleton.ts';
import { add, assign, asyncio, asyncWith, awaitOf, builtin, excClass, exprStmt, method, name, number, print, str, tryExcept } from './build.ts';

/** How many forms `timeouts` has (its first pick is taken modulo this). */
const FORMS = 6;
const WAIT_FOR = 1;
const SHIELD = 4;

/** A deadline and the delays that race it. */
export interface Deadline {
  /** `0.3` or `0.1 + 0.2`: the seconds from now, as the program writes them. */
  readonly expr: Expr;
  /** The delays the deadline is made of: sleeping them in turn ties or nearly ties with it. */
  readonly parts: readonly number[];
}

/** `delay(a)`, or `delay(a) + delay(b - 1)` when `b > 0`. */
export function deadlineOf(a: number, b: number, ctx: FeatureContext): Deadline {
  const first = ctx.delay(a);
  if (b === 0) return { expr: number(first), parts: [first] };
  const second = ctx.delay(b - 1);
  return { expr: add(number(first), number(second)), parts: [first, second] };
}

/** `asyncio.get_running_loop().time() + d`: an absolute deadline for `timeout_at` and `reschedule`. */
export const loopTimePlus = (d: Expr): Expr => add(method(asyncio('get_running_loop'), 'time'), d);

/**
 * The work a timeout bounds, then a print: by `form`, `v3 = await worker2(n)`, the deadline's own
 * delays slept in turn, another delay (`other`), or the first delay then the worker. Null when
 * neither a sleep nor a call is possible here. `callOf` is charged at most once.
 */
export function workOf(form: number, other: number, deadline: Deadline, call: CallSkeleton, ctx: FeatureContext): Stmt[] | null {
  const v = `v${ctx.index}`;
  const sleeps = (delays: readonly number[]): Stmt[] => delays.map((d) => exprStmt(awaitOf(asyncio('sleep', number(d)))));
  const withCall = (before: Stmt[]): Stmt[] | null => {
    const coroutine = ctx.callOf(call);
    if (coroutine === null) return null;
    return [...before, assign(v, awaitOf(coroutine)), print(ctx.nextLabel(), name(v))];
  };
  const slept = (delays: readonly number[]): Stmt[] => {
    ctx.charge(delays.length + 1);
    return [...sleeps(delays), print(ctx.nextLabel(), str('slept'))];
  };
  const canSleep = ctx.features.sleep;
  switch (form % 4) {
    case 0: return withCall([]) ?? (canSleep ? slept(deadline.parts) : null);
    case 1: return canSleep ? slept(deadline.parts) : withCall([]);
    case 2: return canSleep ? slept([ctx.delay(other)]) : withCall([]);
    default: return canSleep ? withCall(sleeps(deadline.parts.slice(0, 1))) ?? slept(deadline.parts) : withCall([]);
  }
}

/**
 * `except TimeoutError as e3:` (or `asyncio.TimeoutError`, `variant & 1`) printing `repr(e3)`, then
 * `repr(e3.__cause__)` (`variant & 2`) and `extra`; then `except Exception as x3` printing `repr(x3)`;
 * then, with `guard` and where only main's task runs, {@link cancelledGuard}.
 */
export function timeoutHandlers(variant: number, ctx: FeatureContext, extra: Expr[], guard = true): ExceptHandler[] {
  const e = `te${ctx.index}`; // not `e3`: `repr(e3.__cause__)` is exceptionAcrossAwait's sign
  const x = `x${ctx.index}`;
  const cause: Expr[] = variant & 2 ? [builtin('repr', { kind: 'excAttr', object: name(e), attr: '__cause__' })] : [];
  return [
    { type: excClass(variant & 1 ? 'asyncio.TimeoutError' : 'TimeoutError'), name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)), ...cause, ...extra)] },
    { type: excClass('Exception'), name: x, body: [print(ctx.nextLabel(), builtin('repr', name(x)))] },
    ...(guard ? cancelledGuard(ctx) : []),
  ];
}

/**
 * `except asyncio.CancelledError: print(..., 'cancelled')`, only where main's task alone runs. A
 * block's own expiry gives TimeoutError only if main's cancel count, uncancelled once, is back to
 * what it was on entry; a cancellation left uncounted inside the block (a self-cancel swallowed
 * without `uncancel()`, or 3.11's TaskGroup that cancels its parent while `__aexit__` waits and
 * never uncancels it) keeps it a CancelledError. Caught here, the program goes on.
 */
export function cancelledGuard(ctx: FeatureContext): ExceptHandler[] {
  return ctx.mainTaskOnly ? [{ type: excClass('asyncio.CancelledError'), body: [print(ctx.nextLabel(), str('cancelled'))] }] : [];
}

/** `asyncio.timeout(d)`, or `asyncio.timeout_at(loop.time() + d)` when `at`. */
export const timeoutCall = (d: Expr, at: boolean): Expr => (at ? asyncio('timeout_at', loopTimePlus(d)) : asyncio('timeout', d));

/** picks: form, deadline delay, second deadline delay (0: none), work form, another delay, variant. */
export const timeouts: FeatureModule = {
  feature: 'timeouts',
  picks: [FORMS - 1, 8, 9, 3, 8, 7],
  // wait_for runs its awaitable in a task of its own; the shielded call runs in a task.
  spawns: ([form]) => form % FORMS === WAIT_FOR || form % FORMS === SHIELD,
  appearsIn: (python) => /asyncio\.(timeout|timeout_at|wait_for)\(/.test(python),
  lower([form, a, b, workForm, other, variant], call, ctx) {
    const deadline = deadlineOf(a, b, ctx);
    const cm = `cm${ctx.index}`;
    const expired = method(name(cm), 'expired');
    switch (form % FORMS) {
      case WAIT_FOR:
        if (ctx.mainTaskOnly) return waitFor(deadline, workForm, other, variant, call, ctx);
        break;
      case 2: return nested(deadline, workForm, other, variant, call, ctx);
      case 3: return rescheduled(deadline, workForm, other, variant, call, ctx);
      case SHIELD: return shielded(deadline, workForm, other, variant, call, ctx) ?? ctx.fallback();
      case 5:
        if (ctx.mainTaskOnly) return cancelledInside(deadline, workForm, other, variant, call, ctx);
        break;
      default: break;
    }
    // `try: async with asyncio.timeout(d) as cm3: <work>; print(cm3.expired()) except TimeoutError ...`
    const work = workOf(workForm, other, deadline, call, ctx);
    if (work === null) return ctx.fallback();
    ctx.charge(4);
    return [tryExcept(
      [asyncWith(timeoutCall(deadline.expr, (variant & 4) !== 0), cm, work), print(ctx.label, str('in time'), expired)],
      timeoutHandlers(variant, ctx, [expired]),
    )];
  },
};

/** Whether a `wait_for` or a shielded task runs the call (work forms 0 and 3, or always without sleep). */
const onCall = (workForm: number, ctx: FeatureContext): boolean => workForm % 4 === 0 || workForm % 4 === 3 || !ctx.features.sleep;

/** What it sleeps otherwise: the deadline itself (`asyncio.sleep(0.1 + 0.2)`: a tie), or another delay (work form 2). */
const sleptFor = (workForm: number, deadline: Deadline, other: number, ctx: FeatureContext): Expr =>
  workForm % 4 === 2 ? number(ctx.delay(other)) : deadline.expr;

/** `try: v3 = await asyncio.wait_for(worker2(n) or asyncio.sleep(d'), d); print(v3)` and the handlers. */
function waitFor(deadline: Deadline, workForm: number, other: number, variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const awaited = onCall(workForm, ctx) ? ctx.callOf(call) : null;
  const slept = sleptFor(workForm, deadline, other, ctx);
  if (awaited === null && !ctx.features.sleep) return ctx.fallback();
  const v = `v${ctx.index}`;
  ctx.charge(3);
  return [tryExcept(
    [assign(v, awaitOf(asyncio('wait_for', awaited ?? asyncio('sleep', slept), deadline.expr))), print(ctx.label, name(v))],
    timeoutHandlers(variant, ctx, [], false), // the work runs in a task of its own: no guard
  )];
}

/**
 * Two timeouts, the inner one's deadline the same sum, its first delay alone, another delay, or
 * None (by `variant >> 1`): when both fire in one iteration the task is cancelled twice and only
 * the outer block converts its CancelledError into TimeoutError. Both report `expired()`.
 */
function nested(deadline: Deadline, workForm: number, other: number, variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const work = workOf(workForm, other, deadline, call, ctx);
  if (work === null) return ctx.fallback();
  ctx.charge(6);
  const outer = `outer${ctx.index}`;
  const inner = `inner${ctx.index}`;
  const innerDeadline = [deadline.expr, number(deadline.parts[0]), number(ctx.delay(other)), { kind: 'none' } as Expr][(variant >> 1) % 4];
  const both = [method(name(outer), 'expired'), method(name(inner), 'expired')];
  const innerTry = tryExcept(
    [asyncWith(asyncio('timeout', innerDeadline), inner, work)],
    [{ type: excClass('TimeoutError'), body: [print(ctx.nextLabel(), str('inner'), ...both)] }],
  );
  return [tryExcept(
    [asyncWith(timeoutCall(deadline.expr, false), outer, [innerTry, print(ctx.nextLabel(), str('between'), ...both)]), print(ctx.label, str('in time'), ...both)],
    [
      { type: excClass('TimeoutError'), body: [print(ctx.nextLabel(), str('outer'), ...both)] },
      { type: excClass('Exception'), name: `x${ctx.index}`, body: [print(ctx.nextLabel(), builtin('repr', name(`x${ctx.index}`)))] },
      ...cancelledGuard(ctx),
    ],
  )];
}

/**
 * `timeout(None)` armed inside the block with `cm3.reschedule(loop.time() + d)`, or (`variant & 4`)
 * `timeout(d)` disarmed at once with `cm3.reschedule(None)`; `cm3.when() is None` printed.
 */
function rescheduled(deadline: Deadline, workForm: number, other: number, variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const work = workOf(workForm, other, deadline, call, ctx);
  if (work === null) return ctx.fallback();
  ctx.charge(6);
  const cm = name(`cm${ctx.index}`);
  const disarm = (variant & 4) !== 0;
  const reschedule = exprStmt(method(cm, 'reschedule', disarm ? { kind: 'none' } : loopTimePlus(deadline.expr)));
  const whenIsNone = { kind: 'compare', left: method(cm, 'when'), ops: ['is'], comparators: [{ kind: 'none' }] } as Expr;
  const body = [print(ctx.label, whenIsNone), reschedule, print(ctx.nextLabel(), whenIsNone), ...work];
  const expired = method(cm, 'expired');
  return [tryExcept(
    [asyncWith(asyncio('timeout', disarm ? deadline.expr : { kind: 'none' }), `cm${ctx.index}`, body), print(ctx.nextLabel(), str('in time'), expired)],
    timeoutHandlers(variant, ctx, [expired]),
  )];
}

/**
 * `s3 = asyncio.create_task(worker2(n))` (or of `asyncio.sleep(d')`), awaited through
 * `asyncio.shield(s3)` under a timeout (or, where only main's task runs, `wait_for`), then
 * awaited itself: the timeout ends the outer await only, the task finishes and its result prints.
 */
function shielded(deadline: Deadline, workForm: number, other: number, variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] | null {
  if (!ctx.features.createTask) return null;
  const coroutine = onCall(workForm, ctx) ? ctx.callOf(call) : null;
  if (coroutine === null && !ctx.features.sleep) return null;
  const slept = sleptFor(workForm, deadline, other, ctx);
  ctx.charge(8);
  const s = `s${ctx.index}`;
  const v = `v${ctx.index}`;
  const x = `y${ctx.index}`;
  const shield = asyncio('shield', name(s));
  const awaiting = ctx.mainTaskOnly && (variant & 4) !== 0
    ? [assign(v, awaitOf(asyncio('wait_for', shield, deadline.expr)))]
    : [asyncWith(asyncio('timeout', deadline.expr), undefined, [assign(v, awaitOf(shield))])];
  const state = [method(name(s), 'done'), method(name(s), 'cancelled')];
  return [
    assign(s, asyncio('create_task', coroutine ?? asyncio('sleep', slept))),
    tryExcept([...awaiting, print(ctx.label, name(v))], timeoutHandlers(variant, ctx, state, false)), // nothing in the block can leave a cancellation
    tryExcept(
      [assign(v, awaitOf(name(s))), print(ctx.nextLabel(), str('shielded'), name(v), ...state)],
      [{ type: excClass('Exception'), name: x, body: [print(ctx.nextLabel(), builtin('repr', name(x)))] }],
    ),
  ];
}

/**
 * Only where main's task alone runs: the work in `try/except asyncio.CancelledError` inside the
 * block; the handler prints `cm3.expired()` and re-raises (TimeoutError follows), swallows
 * silently, or prints and swallows (the block then ends normally, `expired()` still True).
 */
function cancelledInside(deadline: Deadline, workForm: number, other: number, variant: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const work = workOf(workForm, other, deadline, call, ctx);
  if (work === null) return ctx.fallback();
  ctx.charge(6);
  const cm = `cm${ctx.index}`;
  const expired = method(name(cm), 'expired');
  const handler: Stmt[] = [
    [print(ctx.nextLabel(), str('cancelled'), expired), { kind: 'raise' } as Stmt],
    [{ kind: 'pass' } as Stmt],
    [print(ctx.nextLabel(), str('swallowed'), expired)],
  ][(variant >> 1) % 3];
  const guarded = tryExcept(work, [{ type: excClass('asyncio.CancelledError'), body: handler }]);
  return [tryExcept(
    [asyncWith(asyncio('timeout', deadline.expr), cm, [guarded]), print(ctx.label, str('in time'), expired)],
    timeoutHandlers(variant, ctx, [expired]),
  )];
}
