/**
 * The skeleton: what fast-check really generates and shrinks. It holds only choices
 * (statement kinds, small numbers), never names or cross-references that could dangle;
 * `lower.ts` maps *every* skeleton to a valid program. Callees and tasks are picked by
 * numbers taken modulo what exists at that point, so a shrunk skeleton (a function or a
 * statement removed, a number made smaller) still maps to a valid program.
 */
import fc from 'fast-check';
import type { ResolvedConstraints } from './constraints.ts';
import { FEATURE_MODULES } from './features/index.ts';

/** An int argument: `source` 0 is the literal `k`; otherwise a name in scope (`n`, `i`...) plus `k`. */
export interface ArgSkeleton { source: number; k: number }

/** Picks a later function: the callee index is `self + 1 + callee % (functions after self)`. */
export interface CallSkeleton { callee: number; arg: ArgSkeleton }

/** A `gather` item: a call, or a task variable picked by `task` modulo the tasks in scope. */
export type GatherItemSkeleton = { kind: 'call'; call: CallSkeleton } | { kind: 'task'; task: number };

export type StmtSkeleton =
  /** `print(label)` when `value` is 0, else `print(label, <value in scope>)` */
  | { kind: 'print'; value: number }
  | { kind: 'sleep'; delay: number }
  | { kind: 'createTask'; call: CallSkeleton }
  | { kind: 'awaitTask'; task: number; bind: boolean }
  | { kind: 'awaitCoroutine'; call: CallSkeleton; bind: boolean }
  | { kind: 'unawaitedTask'; call: CallSkeleton }
  | { kind: 'unawaitedCoroutine'; call: CallSkeleton }
  | { kind: 'gather'; items: GatherItemSkeleton[] }
  | { kind: 'taskMethods'; task: number }
  | { kind: 'cancel'; task: number }
  | { kind: 'for'; iterations: number; body: StmtSkeleton[] }
  /** `try:` body `except <handler type> as e:` print, maybe chained (`chain`), `else:` and `finally:` (feature tryExcept). */
  | { kind: 'try'; body: StmtSkeleton[]; handler: number; orelse: boolean; final: boolean; chain: number }
  /** `raise ValueError(label, n)` (or RuntimeError by `cls`), under `if n % 2 == cond % 2:` (feature raiseInTask). */
  | { kind: 'raise'; cls: number; cond: number }
  /** `try: v = await <call or task> ... except Exception as e: print(repr(e), repr(e.__cause__))` (feature exceptionAcrossAwait). */
  | { kind: 'guardedAwait'; call: CallSkeleton; task: number; useTask: boolean }
  /** A statement of a feature module (features/): its small choices and a call it may make. */
  | { kind: 'feature'; feature: string; picks: number[]; call: CallSkeleton };

export interface FunctionSkeleton {
  body: StmtSkeleton[];
  /** Index into the return forms (0: no return); ignored for `main`. */
  returnForm: number;
}

export type ProgramSkeleton = FunctionSkeleton[];

/** How many return forms `lower.ts` knows; `returnForm` is taken modulo this. */
export const RETURN_FORM_COUNT = 6;

const argArbitrary: fc.Arbitrary<ArgSkeleton> = fc.record({ source: fc.nat({ max: 3 }), k: fc.nat({ max: 3 }) });
const callArbitrary: fc.Arbitrary<CallSkeleton> = fc.record({ callee: fc.nat({ max: 7 }), arg: argArbitrary });
const taskRef = fc.nat({ max: 7 });

/** The leaf statements the enabled features allow; a plain print is always possible. */
function leafArbitraries(c: ResolvedConstraints): Array<fc.Arbitrary<StmtSkeleton>> {
  const f = c.features;
  const leaves: Array<fc.Arbitrary<StmtSkeleton>> = [
    // First, so fast-check's oneof shrinks other kinds towards a print.
    fc.record({ kind: fc.constant('print' as const), value: fc.nat({ max: 3 }) }),
  ];
  if (f.sleep) leaves.push(fc.record({ kind: fc.constant('sleep' as const), delay: fc.nat({ max: c.delays.length - 1 }) }));
  if (f.createTask) leaves.push(fc.record({ kind: fc.constant('createTask' as const), call: callArbitrary }));
  if (f.awaitTask) leaves.push(fc.record({ kind: fc.constant('awaitTask' as const), task: taskRef, bind: fc.boolean() }));
  if (f.awaitCoroutine) leaves.push(fc.record({ kind: fc.constant('awaitCoroutine' as const), call: callArbitrary, bind: fc.boolean() }));
  if (f.unawaitedTask) leaves.push(fc.record({ kind: fc.constant('unawaitedTask' as const), call: callArbitrary }));
  if (f.unawaitedCoroutine) leaves.push(fc.record({ kind: fc.constant('unawaitedCoroutine' as const), call: callArbitrary }));
  if (f.gather) {
    const item: fc.Arbitrary<GatherItemSkeleton> = fc.oneof(
      fc.record({ kind: fc.constant('call' as const), call: callArbitrary }),
      fc.record({ kind: fc.constant('task' as const), task: taskRef }),
    );
    leaves.push(fc.record({ kind: fc.constant('gather' as const), items: fc.array(item, { minLength: 1, maxLength: 3 }) }));
  }
  if (f.taskMethods) leaves.push(fc.record({ kind: fc.constant('taskMethods' as const), task: taskRef }));
  if (f.cancel) leaves.push(fc.record({ kind: fc.constant('cancel' as const), task: taskRef }));
  if (f.raiseInTask) leaves.push(fc.record({ kind: fc.constant('raise' as const), cls: fc.nat({ max: 1 }), cond: fc.nat({ max: 1 }) }));
  if (f.exceptionAcrossAwait) {
    leaves.push(fc.record({ kind: fc.constant('guardedAwait' as const), call: callArbitrary, task: taskRef, useTask: fc.boolean() }));
  }
  for (const module of FEATURE_MODULES) {
    if (!f[module.feature]) continue;
    leaves.push(fc.record({
      kind: fc.constant('feature' as const),
      feature: fc.constant(module.feature),
      picks: fc.tuple(...module.picks.map((max) => fc.nat({ max }))),
      call: callArbitrary,
    }));
  }
  return leaves;
}

/** Statements of a block at loop depth `depth`: loops only while `depth < maxDepth`. */
function blockArbitrary(c: ResolvedConstraints, depth: number, leaves: Array<fc.Arbitrary<StmtSkeleton>>): fc.Arbitrary<StmtSkeleton[]> {
  const maxLength = depth === 0 ? c.maxStatements : Math.max(1, Math.floor(c.maxStatements / 2));
  const kinds = [...leaves];
  if (c.features.forLoop && depth < c.maxDepth) {
    kinds.push(
      fc.record({
        kind: fc.constant('for' as const),
        iterations: fc.integer({ min: 1, max: c.maxLoopIterations }),
        body: blockArbitrary(c, depth + 1, leaves),
      }),
    );
  }
  if (c.features.tryExcept && depth < c.maxDepth) {
    kinds.push(
      fc.record({
        kind: fc.constant('try' as const),
        body: blockArbitrary(c, depth + 1, leaves),
        handler: fc.nat({ max: 4 }),
        orelse: fc.boolean(),
        final: fc.boolean(),
        chain: fc.nat({ max: 2 }),
      }),
    );
  }
  return fc.array(fc.oneof(...kinds), { minLength: depth === 0 ? 0 : 1, maxLength });
}

/** The arbitrary of whole program skeletons; `functions[0]` becomes `main`. */
export function programSkeletonArbitrary(c: ResolvedConstraints): fc.Arbitrary<ProgramSkeleton> {
  const functionArbitrary: fc.Arbitrary<FunctionSkeleton> = fc.record({
    body: blockArbitrary(c, 0, leafArbitraries(c)),
    returnForm: c.features.returnValue ? fc.nat({ max: RETURN_FORM_COUNT - 1 }) : fc.constant(0),
  });
  return fc.array(functionArbitrary, { minLength: 1, maxLength: c.maxFunctions });
}
