/**
 * Waiters on asyncio's synchronisation primitives (issue 9 item 2): several tasks wait on one
 * `asyncio.Event`, `Lock`, `Condition`, `Semaphore` or `BoundedSemaphore` and are released,
 * printing the order they wake in and `is_set()` / `locked()` as they go. The shapes:
 * - Event: waiters print, `await ev.wait()`, print; the statement sets the event (at once, after
 *   a yield or a sleep, or set then cleared at once: the waiters still wake, seeing it unset).
 * - Lock: holders take it with `async with` around a sleep or an awaited later function; the
 *   statement may hold it first (`await lock.acquire()` ... `lock.release()`); a holder may take
 *   it twice in a row (the next waiter, already woken, goes first: no barging).
 * - Condition: waiters `async with cond: await cond.wait()` (or `wait_for(lambda: box[0] > tag)`);
 *   the statement notifies `notify()`, `notify(2)` or all, under `async with cond`, then, after a
 *   sleep, wakes the rest with `notify_all()` or `notify(n)`.
 * - Semaphore / BoundedSemaphore of value 1 or 2 with more holders than permits; a holder may
 *   take it twice; a BoundedSemaphore released once too often raises ValueError, caught.
 * Without `createTask` each primitive is used by the statement's own task alone, uncontended.
 *
 * Where the primitive lives: created in the statement itself, with its waiters as a nested
 * `async def` (closing over it) run as tasks the statement makes and gathers; nothing outside
 * the statement sees them.
 *
 * Why valid, terminating and deterministic:
 * - The statement releases every waiter itself before it awaits them: the event is set after
 *   the waiters are made (and only cleared at once, after a yield that let every waiter reach
 *   `wait()`); a lock or a semaphore is only held around finite code and released by `async
 *   with`; a condition is notified after a yield that let every waiter reach `wait()` (each one
 *   takes the free lock, prints and waits in its first step), and the second round wakes every
 *   waiter still waiting (`wait_for`'s predicate holds for all by then). So `gather` returns
 *   and nothing is left waiting when the statement ends.
 * - A waiter never catches anything: if the enclosing task is cancelled (or `asyncio.run`'s
 *   shutdown cancels a statement left running in an unawaited task), the waiters get
 *   CancelledError at their await and print nothing, so no output depends on the shutdown's
 *   set order. `gather` cancels its children in list order.
 * - A later function awaited inside a holder may raise: `async with` releases the lock, the
 *   other holders go on in their turn, and the exception leaves the statement through
 *   `gather`, as an awaited call's would. Only holders call later functions (never an Event or
 *   Condition waiter, which the statement must still release), and each call is charged.
 * - Names carry the statement's index; the waiters' tags are ints, so the prints and the
 *   predicates are well typed. `asyncio.sleep` appears only with the `sleep` feature, tasks
 *   only with `createTask`.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { CallSkeleton } from '../skeleton.ts';
import type { FeatureContext, FeatureModule } from './feature.ts';
import {
  assign, asyncWith, asyncio, awaitOf, builtin, def, excClass, exprStmt, gatherAll, int, lambda, list, method, name, print, sleep, str, tasksOf, tryExcept,
} from './build.ts';

const tag = name('tag');
const returnTag: Stmt = { kind: 'return', value: tag };
const nestedAsync = (f: string, body: Stmt[]): Stmt => def({ name: f, isAsync: true, params: [{ name: 'tag' }], body });
const awaitStmt = (value: Expr): Stmt => exprStmt(awaitOf(value));

/** picks: form (Event, Lock, Condition, Semaphore), waiters (2 + pick), variant, delay, extra (semaphore value - 1). */
export const syncPrimitives: FeatureModule = {
  feature: 'syncPrimitives',
  picks: [3, 2, 3, 8, 1],
  // Lock and Semaphore holders may await a later function (variant 3) in tasks of their own.
  spawns: ([form, , variant]) => form % 2 === 1 && variant % 4 === 3,
  appearsIn: (python) => /= asyncio\.(Event|Lock|Condition|Semaphore|BoundedSemaphore)\(/.test(python),
  lower([form, count, variant, delayPick, extra], call, ctx) {
    const kind = (['Event', 'Lock', 'Condition', 'Semaphore'] as const)[form % 4];
    if (!ctx.features.createTask || (kind === 'Condition' && !ctx.features.sleep)) return uncontended(kind, variant, extra, ctx);
    const waiters = 2 + count;
    const d = ctx.delay(delayPick);
    switch (kind) {
      case 'Event': return eventWaiters(waiters, variant % 4, d, ctx);
      case 'Lock': return lockHolders(waiters, variant % 4, d, call, ctx);
      case 'Condition': return conditionWaiters(waiters, variant % 4, d, ctx);
      case 'Semaphore': return semaphoreHolders(waiters, variant % 4, d, 1 + extra, call, ctx);
    }
  },
};

/** The primitive used by the statement's own task alone: nothing waits. */
function uncontended(kind: 'Event' | 'Lock' | 'Condition' | 'Semaphore', variant: number, extra: number, ctx: FeatureContext): Stmt[] {
  const p = `${kind === 'Event' ? 'ev' : kind === 'Semaphore' ? 'sem' : kind.toLowerCase()}${ctx.index}`;
  ctx.charge(4);
  if (kind === 'Event') {
    const v = `v${ctx.index}`;
    return [
      assign(p, asyncio('Event')),
      exprStmt(method(name(p), 'set')),
      assign(v, awaitOf(method(name(p), 'wait'))),
      ...(variant % 2 === 1 ? [exprStmt(method(name(p), 'clear'))] : []),
      print(ctx.label, name(v), method(name(p), 'is_set')),
    ];
  }
  const made = kind === 'Semaphore' ? asyncio(variant % 2 === 1 ? 'BoundedSemaphore' : 'Semaphore', int(1 + extra)) : asyncio(kind);
  const inside: Stmt[] = [print(ctx.label, method(name(p), 'locked'))];
  if (kind === 'Condition') inside.unshift(exprStmt(variant % 2 === 1 ? method(name(p), 'notify_all') : method(name(p), 'notify')));
  return [assign(p, made), asyncWith(name(p), undefined, inside), print(ctx.nextLabel(), method(name(p), 'locked'))];
}

/** Event: waiters wait, the statement sets it (after nothing, a yield or a sleep; or sets and clears it at once). */
function eventWaiters(waiters: number, variant: number, d: number, ctx: FeatureContext): Stmt[] {
  const i = ctx.index;
  const [ev, waiter, ws, rs] = [`ev${i}`, `waiter${i}`, `ws${i}`, `rs${i}`];
  const isSet = method(name(ev), 'is_set');
  // Set-then-clear needs every waiter already in wait(): a yield first (without sleep, plain set).
  const form = variant === 3 && !ctx.features.sleep ? 0 : variant;
  ctx.charge(6 + 4 * waiters);
  return [
    assign(ev, asyncio('Event')),
    nestedAsync(waiter, [print(ctx.label, tag, isSet), awaitStmt(method(name(ev), 'wait')), print(ctx.nextLabel(), tag, str('woke'), isSet), returnTag]),
    assign(ws, tasksOf(waiter, `x${i}`, waiters)),
    ...(!ctx.features.sleep ? [] : form === 1 || form === 3 ? [sleep(0)] : form === 2 ? [sleep(d)] : []),
    exprStmt(method(name(ev), 'set')),
    ...(form === 3 ? [exprStmt(method(name(ev), 'clear'))] : []),
    print(ctx.nextLabel(), isSet),
    assign(rs, gatherAll(ws)),
    print(ctx.nextLabel(), name(rs), isSet),
  ];
}

/**
 * What a holder does while it holds a lock or a semaphore: sleeps (when `sleep` is on), or
 * awaits a later function of its tag (variant 3, charged once per holder); null: nothing.
 */
function holding(variant: number, d: number, holders: number, call: CallSkeleton, ctx: FeatureContext): Stmt | null {
  if (variant === 3) {
    const worker = ctx.callOf(call, holders);
    if (worker !== null && worker.kind === 'call') return awaitStmt({ kind: 'call', func: worker.func, args: [tag], keywords: [] });
  }
  return ctx.features.sleep ? sleep(d) : null;
}

/** Lock: holders in `async with`; the statement may hold it first; a holder may take it twice in a row. */
function lockHolders(waiters: number, variant: number, d: number, call: CallSkeleton, ctx: FeatureContext): Stmt[] {
  const i = ctx.index;
  const [lock, holder, hs, rs] = [`lock${i}`, `holder${i}`, `hs${i}`, `rs${i}`];
  const locked = method(name(lock), 'locked');
  const inside = holding(variant, d, waiters, call, ctx);
  const body: Stmt[] = [asyncWith(name(lock), undefined, [print(ctx.label, tag, locked), ...(inside === null ? [] : [inside])])];
  if (variant === 2) body.push(asyncWith(name(lock), undefined, [print(ctx.nextLabel(), tag, str('again'))]));
  body.push(returnTag);
  const make = assign(hs, tasksOf(holder, `x${i}`, waiters));
  // Variant 1: the statement holds the lock while its holders start and queue up.
  const made = variant === 1
    ? [
      awaitStmt(method(name(lock), 'acquire')),
      make,
      ...(ctx.features.sleep ? [sleep(0)] : []),
      print(ctx.nextLabel(), locked),
      exprStmt(method(name(lock), 'release')),
    ]
    : [make];
  ctx.charge(6 + 5 * waiters);
  return [assign(lock, asyncio('Lock')), nestedAsync(holder, body), ...made, assign(rs, gatherAll(hs)), print(ctx.nextLabel(), name(rs), locked)];
}

/**
 * Condition: waiters wait under `async with cond`; a first round wakes some (`notify()`,
 * `notify(2)`, or all with a predicate that only the first one passes), a second wakes the rest.
 */
function conditionWaiters(waiters: number, variant: number, d: number, ctx: FeatureContext): Stmt[] {
  const i = ctx.index;
  const [cond, waiter, ws, rs, box] = [`cond${i}`, `waiter${i}`, `ws${i}`, `rs${i}`, `box${i}`];
  const c = name(cond);
  const boxCell: Expr = { kind: 'subscript', value: name(box), index: int(0) };
  const setBox = (value: number): Stmt => ({ kind: 'assign', target: { kind: 'subscript', value: name(box), index: int(0) }, value: int(value) });
  const predicate = variant === 2;
  const waiting = predicate
    ? awaitStmt(method(c, 'wait_for', lambda([], { kind: 'compare', left: boxCell, ops: ['>'], comparators: [tag] })))
    : awaitStmt(method(c, 'wait'));
  const first: Stmt[] = predicate ? [setBox(1), exprStmt(method(c, 'notify_all'))] : [exprStmt(variant === 1 ? method(c, 'notify', int(2)) : method(c, 'notify'))];
  const rest: Stmt[] = predicate
    ? [setBox(waiters), exprStmt(method(c, 'notify_all'))]
    : [exprStmt(variant === 3 ? method(c, 'notify', int(waiters)) : method(c, 'notify_all'))];
  ctx.charge(10 + 5 * waiters);
  return [
    assign(cond, asyncio('Condition')),
    ...(predicate ? [assign(box, list(int(0)))] : []),
    nestedAsync(waiter, [
      asyncWith(c, undefined, [print(ctx.label, tag, str('waits')), waiting, print(ctx.nextLabel(), tag, str('woke'), method(c, 'locked'))]),
      returnTag,
    ]),
    assign(ws, tasksOf(waiter, `x${i}`, waiters)),
    sleep(0), // every waiter takes the free lock, prints and waits in its first step
    asyncWith(c, undefined, [...first, print(ctx.nextLabel(), method(c, 'locked'))]),
    sleep(d),
    asyncWith(c, undefined, [...rest, print(ctx.nextLabel(), str('all'))]),
    assign(rs, gatherAll(ws)),
    print(ctx.nextLabel(), name(rs), method(c, 'locked')),
  ];
}

/** Semaphore or BoundedSemaphore of `value` with more holders than permits; a BoundedSemaphore is then released once too often. */
function semaphoreHolders(
  waiters: number, variant: number, d: number, value: number, call: CallSkeleton, ctx: FeatureContext,
): Stmt[] {
  const i = ctx.index;
  const [sem, holder, hs, rs, e] = [`sem${i}`, `holder${i}`, `hs${i}`, `rs${i}`, `e${i}`];
  const locked = method(name(sem), 'locked');
  const holders = waiters + value - 1;
  const bounded = variant === 1;
  const inside = holding(variant, d, holders, call, ctx);
  const body: Stmt[] = [asyncWith(name(sem), undefined, [print(ctx.label, tag, locked), ...(inside === null ? [] : [inside])])];
  if (variant === 2) body.push(asyncWith(name(sem), undefined, [print(ctx.nextLabel(), tag, str('again'), locked)]));
  body.push(returnTag);
  ctx.charge(7 + 5 * holders);
  return [
    assign(sem, asyncio(bounded ? 'BoundedSemaphore' : 'Semaphore', int(value))),
    nestedAsync(holder, body),
    assign(hs, tasksOf(holder, `x${i}`, holders)),
    print(ctx.nextLabel(), locked),
    assign(rs, gatherAll(hs)),
    print(ctx.nextLabel(), name(rs), locked),
    ...(bounded ? [tryExcept([exprStmt(method(name(sem), 'release'))], [{ type: excClass('ValueError'), name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)))] }])] : []),
  ];
}
