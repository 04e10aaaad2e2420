/**
 * Context managers (issue 8 item 10): `async with` on a module-level class with
 * `__aenter__`/`__aexit__` (printing, sleeping, `__aexit__` returning
 * `isinstance(exc, ValueError)` to suppress a ValueError), `with` on a class with
 * `__enter__`/`__exit__`, and `@contextlib.asynccontextmanager` / `@contextlib.contextmanager`
 * generators with `try: yield ... except ValueError: ... finally: ...` (swallowing or
 * re-raising). The body prints the `as` value, may await (a sleep or a later worker) and, with
 * the feature raiseInTask, raise ValueError or RuntimeError; what escapes is caught by an
 * `except Exception` around it. A contextlib generator is a module-level function: it counts
 * against `maxFunctions` (the class form of the same kind stands in when none is left).
 *
 * Why valid, terminating and deterministic:
 * - Names carry the function's name and the statement's index (`ACtx_main_3`, `acm_worker1_2`),
 *   so each class and function is defined once in the program; their prints are labelled by
 *   that name. The `as` value is an int (never an object, whose repr holds an address).
 * - Nothing suppresses a CancelledError: `__aexit__`/`__exit__` suppress only ValueError, the
 *   decorated generators catch only ValueError, handlers around catch `Exception`.
 * - A print never runs during `asyncio.run`'s shutdown cancellation (whose order follows a set):
 *   every method prints before it awaits, so a cancellation at one of their sleeps stops it
 *   before any later print; `__aenter__`'s cancellation skips the body and `__aexit__`. The body
 *   awaits only where `mainTaskOnly` holds (main's task is never cancelled at shutdown);
 *   elsewhere it only prints and raises, so no cancellation reaches `__aexit__` or a `finally`.
 * - A body's call is an ordinary awaited call of a later function (charged, so the DAG and the
 *   budget hold); its exception goes through `__aexit__` like the body's own.
 */
import type { ClassMember, Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { assign, awaitOf, builtin, exprStmt, int, mul, name, print, sleep } from './build.ts';
import { classWithN, fnDef, intHere, methodDef, ret, selfAttr, withStmt } from './build-managers.ts';

const exception: Expr = { kind: 'excClass', name: 'Exception' };
const valueError: Expr = { kind: 'excClass', name: 'ValueError' };

/** picks: form, raise in the body (0: none, 1: ValueError, 2: RuntimeError), suppress, delay, await in the body. */
export const contextManagers: FeatureModule = {
  feature: 'contextManagers',
  picks: [3, 2, 1, 8, 1],
  appearsIn: (python) => /^\s+(async )?with (ACtx|SCtx|acm|cm)_\w+\(/m.test(python),
  lower([formPick, raisePick, suppress, delayPick, awaits], call, ctx) {
    const i = ctx.index;
    const pause = (): Stmt[] => (ctx.features.sleep ? [sleep(ctx.delay(delayPick))] : []);
    // Bodies raise only where the program raises at all (feature raiseInTask).
    const raising = ctx.features.raiseInTask ? raisePick : 0;
    let form = formPick % 4;
    const nameOf = (f: number): string => `${['ACtx', 'SCtx', 'acm', 'cm'][f]}_${ctx.functionName}_${i}`;
    const labelFor = (f: number) => (k: number): Expr => ({ kind: 'str', value: `${nameOf(f)}:${k}` });
    const isAsyncForm = (f: number): boolean => f === 0 || f === 2;
    // A contextlib generator is a module function: where maxFunctions leaves no room, the class of the same kind.
    if (form >= 2 && !ctx.defineFunction(managerGenerator(nameOf(form), isAsyncForm(form), suppress === 1, raising !== 0, labelFor(form), isAsyncForm(form) ? pause : () => []))) form -= 2;
    const isAsync = isAsyncForm(form);
    const managerName = nameOf(form);
    if (form < 2) ctx.defineGlobal(managerName, managerClass(managerName, isAsync, suppress === 1, labelFor(form), isAsync ? pause : () => []));
    else ctx.useModule('contextlib');
    ctx.charge(8);

    // The statement: `async with ACtx_main_3(n) as c3:` and its body.
    const c = `c${i}`;
    const body: Stmt[] = [print(ctx.label, name(c))];
    let called = false;
    if (awaits === 1 && ctx.mainTaskOnly && ctx.features.awaitCoroutine) {
      const worker = ctx.callOf(call);
      called = worker !== null;
      body.push(...(worker === null ? pause() : [assign(`v${i}`, awaitOf(worker)), print(ctx.nextLabel(), name(`v${i}`))]));
    }
    if (raising !== 0) body.push({ kind: 'raise', exc: { kind: 'excCall', name: raising === 1 ? 'ValueError' : 'RuntimeError', args: [ctx.nextLabel(), name(c)] } });
    const context: Expr = form < 2
      ? { kind: 'callValue', func: name(managerName), args: [intHere(ctx, form)], keywords: [] }
      : { kind: 'call', func: managerName, args: [intHere(ctx, form)], keywords: [] };
    const statement = withStmt(isAsync, context, c, body);
    const after = print(ctx.nextLabel(), name(c));
    if (raising === 0 && !called) return [statement, after];
    const e = `e${i}`;
    return [{ kind: 'try', body: [statement, after], handlers: [{ type: exception, name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)))] }], orelse: [], finalbody: [] }];
  },
};

/** `class ACtx_main_3:` whose enter prints `self.n` and returns `self.n * 2`, whose exit prints `repr(exc)` and suppresses ValueError or nothing. */
function managerClass(className: string, isAsync: boolean, suppress: boolean, labelOf: (k: number) => Expr, pause: () => Stmt[]): Stmt {
  const [enter, exit] = isAsync ? ['__aenter__', '__aexit__'] : ['__enter__', '__exit__'];
  const verdict: Expr = suppress ? { kind: 'isinstance', value: name('exc'), types: valueError } : { kind: 'bool', value: false };
  const members: ClassMember[] = [
    methodDef(enter, isAsync, [], [print(labelOf(0), selfAttr('n')), ...pause(), ret(mul(selfAttr('n'), int(2)))]),
    methodDef(exit, isAsync, ['exc_type', 'exc', 'tb'], [print(labelOf(1), builtin('repr', name('exc'))), ...pause(), ret(verdict)]),
  ];
  return classWithN(className, members);
}

/**
 * `@contextlib.asynccontextmanager async def acm_main_3(n):` (or the sync form): prints, sleeps,
 * `try: yield n * 2`, `except ValueError as e:` printing (re-raising unless `suppress`; only
 * when the body may raise), `finally:` printing then sleeping.
 */
function managerGenerator(fnName: string, isAsync: boolean, suppress: boolean, handles: boolean, labelOf: (k: number) => Expr, pause: () => Stmt[]) {
  const handler: Stmt[] = [print(labelOf(1), builtin('repr', name('e'))), ...(suppress ? [] : [{ kind: 'raise' } as Stmt])];
  const guarded: Stmt = {
    kind: 'try',
    body: [exprStmt({ kind: 'yield', value: mul(name('n'), int(2)) })],
    handlers: handles ? [{ type: valueError, name: 'e', body: handler }] : [],
    orelse: [],
    finalbody: [print(labelOf(2), name('n')), ...pause()],
  };
  return fnDef(fnName, isAsync, ['n'], [print(labelOf(0), name('n')), ...pause(), guarded], isAsync ? 'asynccontextmanager' : 'contextmanager');
}
