/**
 * Task groups (issue 9 item 2): `async with asyncio.TaskGroup() as tg3:` with children made by
 * `tg3.create_task(...)`: a worker call, and two children of a nested helper
 * (`async def child3(kind, d)`) that sleep `d`, print, then return or raise ValueError or
 * RuntimeError; the two sometimes share their delay, so they fail in the same iteration (always
 * with delay 0, their first step). The body may sleep and print after its children were made
 * (a failing child cancels it: the print does not show). The group sits in `try/except*
 * ValueError` + `except* RuntimeError` printing `repr(eg.exceptions)`, `except ExceptionGroup`
 * printing `repr(eg)`, `except* Exception`, or `except* (ValueError, RuntimeError)`; the
 * children's results print when the group succeeds, and `cancelled()` of each child afterwards
 * shows which siblings the failure cancelled.
 *
 * Why valid and deterministic:
 * - Only where `mainTaskOnly` (and with createTask on: the children are tasks): the group's `__aexit__` waits for every child, so all the
 *   children's output and the handlers' prints happen before main returns, never during
 *   `asyncio.run`'s shutdown (whose order is a set's). Main's task is never cancelled there.
 * - `TaskGroup._abort` cancels the children in the order of a set (addresses): the children it
 *   cancels never print on cancellation (no generated task code catches CancelledError or has a
 *   printing `finally`), so the order in which they die shows nowhere; they all die in the
 *   same iteration, so the group ends in the same iteration whatever that order.
 * - The ExceptionGroup lists the failures in the order the children finished (`_on_task_done`
 *   runs as done callbacks, in the ready queue's order), which the loop alone decides; failures
 *   in one iteration come in the order their tasks ran in it.
 * - The child variables are bound before the body's first await (create_task does not
 *   suspend), so reading `cancelled()` after the `try` is safe; the results are read only in
 *   the branch where the group raised nothing.
 * - Exceptions are ValueError and RuntimeError (helper and workers, raiseInTask); anything else
 *   a worker raises escapes, and a program may end by raising.
 */
import type { Expr, ExceptHandler, Stmt } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { asyncio, asyncWith, awaitOf, builtin, callValue, def, excClass, int, method, name, number, print, sleep, str, tryExcept } from './build.ts';

/** Helper child kinds: return, raise ValueError, raise RuntimeError. */
const KINDS = 3;

/** picks: first helper's kind, its delay, second helper's kind (0: no second helper), its delay (0: the first one's), body form, handler form. */
export const taskGroups: FeatureModule = {
  feature: 'taskGroups',
  picks: [KINDS - 1, 8, KINDS, 9, 2, 3],
  spawns: () => true,
  appearsIn: (python) => python.includes('asyncio.TaskGroup()'),
  lower([kindA, delayA, kindB, delayB, bodyForm, handlerForm], call, ctx) {
    if (!ctx.mainTaskOnly || !ctx.features.createTask) return ctx.fallback();
    const i = ctx.index;
    const tg = `tg${i}`;
    const helper = `child${i}`;
    const label = ctx.label;
    // async def child3(kind, d): [await asyncio.sleep(d)]; print(label, kind); raise by kind; return kind
    const kind = name('kind');
    const raiseIf = (k: number, cls: 'ValueError' | 'RuntimeError'): Stmt => ({
      kind: 'if',
      test: { kind: 'compare', left: kind, ops: ['=='], comparators: [int(k)] },
      body: [{ kind: 'raise', exc: { kind: 'excCall', name: cls, args: [label, kind, name('d')] } }],
      orelse: [],
    });
    const helperBody: Stmt[] = [
      ...(ctx.features.sleep ? [{ kind: 'expr', expr: awaitOf(asyncio('sleep', name('d'))) } as Stmt] : []),
      print(label, kind),
      raiseIf(1, 'ValueError'),
      raiseIf(2, 'RuntimeError'),
      { kind: 'return', value: kind },
    ];
    const helpers: Expr[] = [callValue(name(helper), [int(kindA % KINDS), number(ctx.delay(delayA))])];
    if (kindB > 0) {
      const d = delayB === 0 ? ctx.delay(delayA) : ctx.delay(delayB - 1);
      helpers.push(callValue(name(helper), [int((kindB - 1) % KINDS), number(d)]));
    }
    ctx.charge(4 + 5 * helpers.length);
    const worker = ctx.callOf(call);
    const children = [...(worker === null ? [] : [worker]), ...helpers];
    const names = children.map((_, k) => `c${i}_${k}`);
    const made = children.map((child, k): Stmt => ({ kind: 'assign', target: { kind: 'name', id: names[k] }, value: method(name(tg), 'create_task', child) }));
    const body: Stmt[] = [
      ...made,
      ...(bodyForm === 1 && ctx.features.sleep ? [sleep(ctx.delay(delayB))] : []),
      ...(bodyForm > 0 ? [print(ctx.nextLabel(), str('body'))] : []),
    ];
    const results = print(ctx.nextLabel(), str('results'), ...names.map((c) => method(name(c), 'result')));
    const { handlers, star } = groupHandlers(handlerForm, `eg${i}`, ctx.nextLabel);
    return [
      def({ name: helper, isAsync: true, params: [{ name: 'kind' }, { name: 'd' }], body: helperBody }),
      tryExcept([asyncWith(asyncio('TaskGroup'), tg, body), results], handlers, star),
      print(ctx.nextLabel(), str('cancelled'), ...names.map((c) => method(name(c), 'cancelled'))),
    ];
  },
};

/** The handlers of the group's `try`, by `form`; `eg` the bound name. */
function groupHandlers(form: number, eg: string, nextLabel: () => Expr): { handlers: ExceptHandler[]; star: boolean } {
  const exceptions = builtin('repr', { kind: 'excAttr', object: name(eg), attr: 'exceptions' });
  const handler = (type: Expr): ExceptHandler => ({ type, name: eg, body: [print(nextLabel(), exceptions)] });
  switch (form % 4) {
    case 0: return { handlers: [handler(excClass('ValueError')), handler(excClass('RuntimeError'))], star: true };
    case 1: return { handlers: [{ type: excClass('ExceptionGroup'), name: eg, body: [print(nextLabel(), builtin('repr', name(eg)))] }], star: false };
    case 2: return { handlers: [handler(excClass('Exception'))], star: true };
    default: return { handlers: [handler({ kind: 'tuple', elts: [excClass('ValueError'), excClass('RuntimeError')] })], star: true };
  }
}
