/**
 * Maps a skeleton to the program IR. The mapping is total: every skeleton, including
 * every value the shrinker can make, gives a valid, terminating, exception-free program.
 *
 * Why the programs are valid:
 * - Calls go only to functions later in the list (a DAG; `main` is `functions[0]`), and
 *   loops are `for _ in range(k)` with k >= 1: every program terminates. A call that
 *   would push the number of executed statements over {@link MAX_EXECUTED_STATEMENTS}
 *   becomes a print, so nested loops of calls cannot blow up.
 * - A task variable is awaited only after (in preorder) the statement that assigns it.
 *   There are no `if`s and every loop body runs at least once, so it is certainly assigned.
 * - A task that is cancelled anywhere in its function is never awaited or gathered
 *   (found by a first pass), so no CancelledError escapes. No try/finally exists, so
 *   nothing prints during the shutdown cancellation, whose order CPython leaves to a set.
 * - Every int argument is a literal, the parameter `n` or a loop variable plus a literal,
 *   so `n` is always an int and every return expression is well typed.
 * - Exceptions (features tryExcept, raiseInTask, exceptionAcrossAwait) are only ever
 *   ValueError and RuntimeError, and handlers catch only `Exception` subclasses, so a
 *   cancellation is never swallowed. A task variable assigned inside a `try` body is not
 *   used after the `try` (the assignment may not have run). A `finally` prints only in a
 *   function no task runs (main's task is never cancelled at shutdown, whose order CPython
 *   leaves to a set); elsewhere a try has no `finally`. A program may end by raising.
 * - Feature modules (`features/`, one file each) state their own argument; they see the
 *   function through a `FeatureContext` (tasks, ints in scope, whether only main's task runs
 *   it, the budget) and may only add names suffixed with their statement's index. What they
 *   add at module level (a class, a global list, a `@contextlib` generator: the IR allows
 *   these only there) is named after the function and the index too, bound once per program,
 *   counted against `maxFunctions` when a function, and kept only when a kept function reads it;
 *   a class of features/classes.ts is kept exactly when its function is.
 *
 * Labels: a print's first argument is `'<function>:<index>'`, the index being the
 * 0-based preorder position of the skeleton statement in its function (a `for` counts
 * as one statement, then its body). Each print statement has its own label, so a trace
 * line tells which statement printed it; after shrinking the numbering is recomputed
 * and stays unique.
 */
import type { ClassDef, Expr, FunctionDef, Program, Stmt, StdlibModule } from '../../ir/program.ts';
import { STDLIB_MODULES } from '../../ir/program.ts';
import type { FeatureContext } from './features/feature.ts';
import { featureModule } from './features/index.ts';
import type { ProgramFeatures, ResolvedConstraints } from './constraints.ts';
import type { ArgSkeleton, CallSkeleton, FunctionSkeleton, ProgramSkeleton, StmtSkeleton } from './skeleton.ts';
import { RETURN_FORM_COUNT } from './skeleton.ts';

/** Upper bound on statements one run of `main` executes (loops and callees included). */
export const MAX_EXECUTED_STATEMENTS = 200;

// ---------------------------------------------------------------------------- IR builders

const int = (value: number): Expr => ({ kind: 'int', value });
const str = (value: string): Expr => ({ kind: 'str', value });
const name = (id: string): Expr => ({ kind: 'name', id });
const number = (value: number): Expr => (Number.isInteger(value) ? int(value) : { kind: 'float', value });
const call = (func: string, args: Expr[]): Expr => ({ kind: 'call', func, args, keywords: [] });
const awaitOf = (value: Expr): Expr => ({ kind: 'await', value });
const asyncioCall = (func: 'run' | 'sleep' | 'create_task' | 'gather', args: Expr[]): Expr => ({ kind: 'asyncio', func, args, keywords: [] });
const print = (...args: Expr[]): Stmt => ({ kind: 'expr', expr: { kind: 'builtin', func: 'print', args, keywords: [] } });
const assign = (id: string, value: Expr): Stmt => ({ kind: 'assign', target: { kind: 'name', id }, value });
const method = (object: string, m: 'done' | 'cancelled' | 'cancel'): Expr => ({ kind: 'method', object: name(object), method: m, args: [], keywords: [] });
const excCall = (cls: 'ValueError' | 'RuntimeError', args: Expr[]): Expr => ({ kind: 'excCall', name: cls, args });
const builtin = (func: 'repr' | 'str', arg: Expr): Expr => ({ kind: 'builtin', func, args: [arg], keywords: [] });

/** `except` types of a generated `try`, by `handler` modulo their number; the first catches everything generated. */
const HANDLER_TYPES: Expr[] = [
  { kind: 'excClass', name: 'Exception' },
  { kind: 'excClass', name: 'ValueError' },
  { kind: 'excClass', name: 'RuntimeError' },
  { kind: 'tuple', elts: [{ kind: 'excClass', name: 'ValueError' }, { kind: 'excClass', name: 'RuntimeError' }] },
  { kind: 'excClass', name: 'LookupError' },
];

/** `return` forms, by `FunctionSkeleton.returnForm` modulo {@link RETURN_FORM_COUNT}; 0 returns nothing. */
const RETURN_FORMS: Array<(() => Expr) | null> = [
  null,
  () => ({ kind: 'binOp', op: '*', left: name('n'), right: int(2) }),
  () => ({ kind: 'binOp', op: '+', left: name('n'), right: { kind: 'float', value: 0.1 } }),
  () => ({ kind: 'binOp', op: '+', left: { kind: 'builtin', func: 'str', args: [name('n')], keywords: [] }, right: str('!') }),
  () => ({ kind: 'binOp', op: '-', left: name('n'), right: int(1) }),
  () => ({ kind: 'binOp', op: '/', left: name('n'), right: int(2) }),
];
if (RETURN_FORMS.length !== RETURN_FORM_COUNT) throw new Error('lower.ts: RETURN_FORMS out of step with RETURN_FORM_COUNT');

const LOOP_VARIABLES = ['i', 'j', 'k', 'm'];
const loopVariable = (depth: number): string => LOOP_VARIABLES[depth] ?? `i${depth}`;

export const functionName = (index: number): string => (index === 0 ? 'main' : `worker${index}`);

// ---------------------------------------------------------------------------- lowering

interface FunctionScope {
  readonly index: number;
  readonly name: string;
  readonly functionCount: number;
  /** Executed-statement cost of each function after this one (by index). */
  readonly costs: readonly number[];
  /** Task variables cancelled somewhere in this function: never awaited. */
  readonly cancelled: ReadonlySet<string>;
  readonly delays: readonly number[];
  readonly sleepEnabled: boolean;
  /** Task variables assigned so far in preorder, in order. */
  readonly tasks: string[];
  /** Task variables a `cancel` statement targets (collected for the second pass). */
  readonly cancelTargets: Set<string>;
  /** No task ever runs this function (only main's task does): a `finally` may print. */
  readonly finallyPrints: boolean;
  /** Handlers may chain (`raise RuntimeError(label) from e`): feature exceptionAcrossAwait. */
  readonly chain: boolean;
  readonly features: Readonly<ProgramFeatures>;
  readonly maxDepth: number;
  readonly maxFunctions: number;
  /** Modules the program imports (shared by every function of the program). */
  readonly imports: Set<StdlibModule>;
  /** Module-level statements and functions this pass of the function adds (features' `defineGlobal`/`defineFunction`). */
  readonly module: ModuleDefinitions;
  /** Module-level classes this function's statements define (features/classes.ts). */
  readonly classes: ClassDef[];
  nextLabel: number;
  cost: number;
}

/**
 * What feature statements add at module level: classes and globals (`Program.body`, before
 * `asyncio.run`) and decorated functions. `bound` holds the global names functions lowered
 * earlier (later in the program) already committed, so a name is bound once per program.
 */
interface ModuleDefinitions {
  readonly bound: ReadonlySet<string>;
  /** How many module functions functions lowered earlier already defined (they count against `maxFunctions`). */
  readonly defined: number;
  readonly globals: Map<string, Stmt>;
  readonly functions: FunctionDef[];
}

interface BlockScope {
  /** Names whose value is an int: `n` (not in main) and the enclosing loop variables. */
  readonly intNames: readonly string[];
  /** How many times a statement of this block runs per call of the function. */
  readonly multiplier: number;
  readonly depth: number;
  /** Inside a `try` body: a `raise` with no int in scope raises unconditionally there. */
  readonly inTry?: boolean;
}

function argument(arg: ArgSkeleton, block: BlockScope): Expr {
  if (arg.source === 0 || block.intNames.length === 0) return int(arg.k);
  const base = name(block.intNames[(arg.source - 1) % block.intNames.length]);
  return arg.k === 0 ? base : { kind: 'binOp', op: '+', left: base, right: int(arg.k) };
}

/** The callee of `c`, or null when no function follows this one. */
function callee(c: CallSkeleton, fn: FunctionScope): number | null {
  const after = fn.functionCount - fn.index - 1;
  return after <= 0 ? null : fn.index + 1 + (c.callee % after);
}

/** Charges running `calleeIndex` (or nothing, for null) once per block run; false when over budget. */
function charge(fn: FunctionScope, block: BlockScope, calleeCosts: number[]): boolean {
  const cost = block.multiplier * (1 + calleeCosts.reduce((a, b) => a + b, 0));
  if (fn.cost + cost > MAX_EXECUTED_STATEMENTS) return false;
  fn.cost += cost;
  return true;
}

function pick<T>(items: readonly T[], choice: number): T | undefined {
  return items.length === 0 ? undefined : items[choice % items.length];
}

function lowerStatement(s: StmtSkeleton, fn: FunctionScope, block: BlockScope): Stmt[] {
  const index = fn.nextLabel++;
  const label = str(`${fn.name}:${index}`);
  /** What any statement degrades to when its construct is impossible here: a print (of the innermost int in scope). */
  const fallback = (): Stmt[] => {
    fn.cost += block.multiplier;
    const value = block.intNames.at(-1);
    return [value === undefined ? print(label) : print(label, name(value))];
  };
  /**
   * A call with no function after this one (the last worker) degrades to a sleep for odd
   * `callee` choices, so leaf workers suspend as tutorial workers do; shrinking `callee`
   * towards 0 turns it into a print.
   */
  const noCalleeFallback = (c: CallSkeleton): Stmt[] => {
    if (!sleepEnabled || c.callee % 2 === 0) return fallback();
    fn.cost += block.multiplier;
    return [{ kind: 'expr', expr: awaitOf(asyncioCall('sleep', [number(fn.delays[(c.callee >> 1) % fn.delays.length])])) }];
  };
  const callOf = (c: CallSkeleton): Expr | null => {
    const target = callee(c, fn);
    if (target === null || !charge(fn, block, [fn.costs[target]])) return null;
    return call(functionName(target), [argument(c.arg, block)]);
  };
  const awaitable = fn.tasks.filter((t) => !fn.cancelled.has(t));
  const sleepEnabled = fn.sleepEnabled;

  switch (s.kind) {
    case 'print': {
      const value = s.value === 0 ? undefined : pick(block.intNames, s.value - 1);
      fn.cost += block.multiplier;
      return [value === undefined ? print(label) : print(label, name(value))];
    }
    case 'sleep':
      fn.cost += block.multiplier;
      return [{ kind: 'expr', expr: awaitOf(asyncioCall('sleep', [number(fn.delays[s.delay % fn.delays.length])])) }];
    case 'createTask': {
      if (callee(s.call, fn) === null) return noCalleeFallback(s.call);
      const coroutine = callOf(s.call);
      if (coroutine === null) return fallback();
      const task = `t${index}`;
      fn.tasks.push(task);
      return [assign(task, asyncioCall('create_task', [coroutine]))];
    }
    case 'unawaitedTask': {
      if (callee(s.call, fn) === null) return noCalleeFallback(s.call);
      const coroutine = callOf(s.call);
      if (coroutine === null) return fallback();
      return [{ kind: 'expr', expr: asyncioCall('create_task', [coroutine]) }];
    }
    case 'awaitTask': {
      const task = pick(awaitable, s.task);
      if (task === undefined) return fallback();
      fn.cost += block.multiplier;
      if (!s.bind) return [{ kind: 'expr', expr: awaitOf(name(task)) }];
      return [assign(`v${index}`, awaitOf(name(task))), print(label, name(`v${index}`))];
    }
    case 'awaitCoroutine': {
      if (callee(s.call, fn) === null) return noCalleeFallback(s.call);
      const coroutine = callOf(s.call);
      if (coroutine === null) return fallback();
      if (!s.bind) return [{ kind: 'expr', expr: awaitOf(coroutine) }];
      return [assign(`v${index}`, awaitOf(coroutine)), print(label, name(`v${index}`))];
    }
    case 'unawaitedCoroutine': {
      const target = callee(s.call, fn);
      if (target === null) return noCalleeFallback(s.call);
      fn.cost += block.multiplier; // the coroutine never runs
      return [assign(`c${index}`, call(functionName(target), [argument(s.call.arg, block)]))];
    }
    case 'gather': {
      const items: Array<{ task: string } | { target: number; arg: Expr }> = [];
      for (const item of s.items) {
        if (item.kind === 'task') {
          const task = pick(awaitable, item.task);
          if (task !== undefined) items.push({ task });
        } else {
          const target = callee(item.call, fn);
          if (target !== null) items.push({ target, arg: argument(item.call.arg, block) });
        }
      }
      const calleeCosts = items.flatMap((item) => ('target' in item ? [fn.costs[item.target]] : []));
      if (items.length === 0 || !charge(fn, block, calleeCosts)) return fallback();
      const args = items.map((item) => ('task' in item ? name(item.task) : call(functionName(item.target), [item.arg])));
      return [assign(`v${index}`, awaitOf(asyncioCall('gather', args))), print(label, name(`v${index}`))];
    }
    case 'taskMethods': {
      const task = pick(fn.tasks, s.task);
      if (task === undefined) return fallback();
      fn.cost += block.multiplier;
      return [print(label, method(task, 'done'), method(task, 'cancelled'))];
    }
    case 'cancel': {
      const task = pick(fn.tasks, s.task);
      if (task === undefined) return fallback();
      fn.cost += block.multiplier;
      fn.cancelTargets.add(task);
      return [{ kind: 'expr', expr: method(task, 'cancel') }];
    }
    case 'try': {
      fn.cost += block.multiplier * 3;
      const tasksBefore = fn.tasks.length;
      const body = s.body.flatMap((x) => lowerStatement(x, fn, { ...block, depth: block.depth + 1, inTry: true }));
      fn.tasks.length = tasksBefore; // assigned in the try body: maybe never, if something before raised
      const e = `e${index}`;
      // Each print has its own label: the handler's, the else's and the finally's come after the body's.
      const next = (): Expr => str(`${fn.name}:${fn.nextLabel++}`);
      const handler: Stmt[] = [print(next(), { kind: 'typeName', value: name(e) }, name(e))];
      if (fn.chain && s.chain % 3 === 1) handler.push({ kind: 'raise', exc: excCall('RuntimeError', [label]), cause: name(e) });
      const orelse = s.orelse ? [print(next())] : [];
      const finalbody = s.final && fn.finallyPrints ? [print(next())] : [];
      return [{ kind: 'try', body, handlers: [{ type: HANDLER_TYPES[s.handler % HANDLER_TYPES.length], name: e, body: handler }], orelse, finalbody }];
    }
    case 'raise': {
      const value = pick(block.intNames, s.cond);
      const exc = excCall(s.cls % 2 === 0 ? 'ValueError' : 'RuntimeError', value === undefined ? [label] : [label, name(value)]);
      const raise: Stmt = { kind: 'raise', exc };
      if (value === undefined) return block.inTry ? (fn.cost += block.multiplier, [raise]) : fallback();
      fn.cost += block.multiplier;
      const test: Expr = { kind: 'compare', left: { kind: 'binOp', op: '%', left: name(value), right: int(2) }, ops: ['=='], comparators: [int(s.cond % 2)] };
      return [{ kind: 'if', test, body: [raise], orelse: [] }];
    }
    case 'guardedAwait': {
      let awaited: Expr | null;
      if (s.useTask) {
        const task = pick(awaitable, s.task);
        if (task === undefined) return fallback();
        fn.cost += block.multiplier;
        awaited = name(task);
      } else {
        if (callee(s.call, fn) === null) return noCalleeFallback(s.call);
        awaited = callOf(s.call);
        if (awaited === null) return fallback();
      }
      const v = `v${index}`;
      const e = `e${index}`;
      const handlerLabel = str(`${fn.name}:${fn.nextLabel++}`);
      const handler = [print(handlerLabel, builtin('repr', name(e)), builtin('repr', { kind: 'excAttr', object: name(e), attr: '__cause__' }))];
      return [{
        kind: 'try',
        body: [assign(v, awaitOf(awaited)), print(label, name(v))],
        handlers: [{ type: { kind: 'excClass', name: 'Exception' }, name: e, body: handler }],
        orelse: [],
        finalbody: [],
      }];
    }
    case 'feature': {
      const module = featureModule(s.feature);
      if (module === undefined) return fallback();
      const ctx: FeatureContext = {
        label, index, fallback,
        nextLabel: () => str(`${fn.name}:${fn.nextLabel++}`),
        intNames: block.intNames,
        mainTaskOnly: fn.finallyPrints,
        tasks: [...fn.tasks],
        awaitableTasks: awaitable,
        markCancelled: (task) => fn.cancelTargets.add(task),
        charge: (statements) => { fn.cost += block.multiplier * statements; },
        callOf: (c, times = 1) => {
          const target = callee(c, fn);
          if (target === null || !charge(fn, block, new Array<number>(times).fill(fn.costs[target]))) return null;
          return call(functionName(target), [argument(c.arg, block)]);
        },
        delay: (choice) => fn.delays[choice % fn.delays.length],
        features: fn.features,
        loopsAllowed: block.depth < fn.maxDepth,
        maxDepth: fn.maxDepth,
        useModule: (module) => fn.imports.add(module),
        functionName: fn.name,
        defineGlobal: (globalName, stmt) => {
          if (fn.module.bound.has(globalName) || fn.module.globals.has(globalName)) return false;
          fn.module.globals.set(globalName, stmt);
          return true;
        },
        defineFunction: (def) => {
          if (fn.functionCount + fn.module.defined + fn.module.functions.length >= fn.maxFunctions) return false;
          fn.module.functions.push(def);
          return true;
        },
        defineClass: (cls) => fn.classes.push(cls),
      };
      return module.lower(s.picks, s.call, ctx);
    }
    case 'for': {
      fn.cost += block.multiplier;
      const variable = loopVariable(block.depth);
      const inner: BlockScope = { intNames: [...block.intNames, variable], multiplier: block.multiplier * s.iterations, depth: block.depth + 1, inTry: block.inTry };
      const body = s.body.flatMap((x) => lowerStatement(x, fn, inner));
      return [{ kind: 'for', target: { kind: 'name', id: variable }, iter: { kind: 'builtin', func: 'range', args: [int(s.iterations)], keywords: [] }, body }];
    }
  }
}

function lowerFunctionPass(
  skeleton: FunctionSkeleton,
  index: number,
  functionCount: number,
  costs: readonly number[],
  cancelled: ReadonlySet<string>,
  c: ResolvedConstraints,
  runByTasks: ReadonlySet<number>,
  imports: Set<StdlibModule>,
  module: Pick<ModuleDefinitions, 'bound' | 'defined'>,
): { def: FunctionDef; scope: FunctionScope } {
  const scope: FunctionScope = {
    index, name: functionName(index), functionCount, costs, cancelled, delays: c.delays, sleepEnabled: c.features.sleep,
    tasks: [], cancelTargets: new Set(), classes: [], nextLabel: 0, cost: 0,
    finallyPrints: !runByTasks.has(index), chain: c.features.exceptionAcrossAwait, imports, features: c.features, maxDepth: c.maxDepth,
    maxFunctions: c.maxFunctions, module: { ...module, globals: new Map(), functions: [] },
  };
  const isMain = index === 0;
  const block: BlockScope = { intNames: isMain ? [] : ['n'], multiplier: 1, depth: 0 };
  const body = skeleton.body.flatMap((s) => lowerStatement(s, scope, block));
  const returnForm = isMain || !c.features.returnValue ? null : RETURN_FORMS[skeleton.returnForm % RETURN_FORM_COUNT];
  if (returnForm) body.push({ kind: 'return', value: returnForm() });
  return { def: { name: scope.name, isAsync: true, params: isMain ? [] : [{ name: 'n' }], body }, scope };
}

/** Skeleton → program. Functions are lowered last to first, so each knows its callees' costs. */
export function lowerProgram(skeleton: ProgramSkeleton, c: ResolvedConstraints): Program {
  const count = skeleton.length;
  const costs: number[] = new Array(count).fill(0);
  const functions: FunctionDef[] = new Array(count);
  const classes = new Map<string, ClassDef[]>();
  const runByTasks = functionsRunByTasks(skeleton);
  const imports = new Set<StdlibModule>();
  const globals = new Map<string, Stmt>();
  const moduleFunctions: FunctionDef[] = [];
  for (let index = count - 1; index >= 0; index--) {
    // Pass 1 finds the cancelled tasks; pass 2 keeps them from being awaited. Tasks and
    // costs do not depend on the cancelled set, so pass 2 cancels exactly the same tasks.
    const module = { bound: new Set(globals.keys()), defined: moduleFunctions.length };
    const first = lowerFunctionPass(skeleton[index], index, count, costs, new Set(), c, runByTasks, new Set(), module);
    const second = first.scope.cancelTargets.size === 0
      ? first
      : lowerFunctionPass(skeleton[index], index, count, costs, first.scope.cancelTargets, c, runByTasks, new Set(), module);
    for (const module of second.scope.imports) imports.add(module);
    for (const [globalName, stmt] of second.scope.module.globals) globals.set(globalName, stmt);
    moduleFunctions.push(...second.scope.module.functions);
    functions[index] = second.def;
    costs[index] = second.scope.cost;
    classes.set(second.def.name, second.scope.classes);
  }
  // Functions main never reaches are dropped (with their classes); the others keep their names, so labels stay put.
  const all = [...functions, ...moduleFunctions];
  const reachable = reachableFrom(functions[0], new Map(all.map((f) => [f.name, f])), classes);
  const kept = all.filter((f) => reachable.has(f.name));
  const keptClasses: Stmt[] = kept.flatMap((f) => (classes.get(f.name) ?? []).map((def): Stmt => ({ kind: 'class', def })));
  // Module-level statements a kept function or class reads, in the order their names sort (classes and `kept = []` lists).
  const keptText = JSON.stringify([kept, keptClasses]);
  const keptGlobals = [...globals].filter(([globalName]) => keptText.includes(`"id":"${globalName}"`)).sort(([a], [b]) => (a < b ? -1 : 1));
  // Imports in a fixed order, and only of modules a function main reaches uses (a `@contextlib` decorator counts).
  const text = keptText + JSON.stringify(keptGlobals.map(([, stmt]) => stmt));
  const used = STDLIB_MODULES.filter((m) => imports.has(m) && (text.includes(`"module":"${m}"`) || (m === 'contextlib' && text.includes('"decorator":"'))));
  return {
    functions: kept,
    body: [...keptGlobals.map(([, stmt]) => stmt), ...keptClasses, { kind: 'expr', expr: asyncioCall('run', [call('main', [])]) }],
    ...(used.length > 0 ? { imports: used } : {}),
  };
}

/**
 * The functions some task may run (over-approximated from the skeleton): what `create_task`
 * or `gather` is given, and everything those call. The rest run only in main's task.
 */
function functionsRunByTasks(skeleton: ProgramSkeleton): Set<number> {
  const count = skeleton.length;
  const target = (index: number, c: CallSkeleton): number | null => {
    const after = count - index - 1;
    return after <= 0 ? null : index + 1 + (c.callee % after);
  };
  const roots = new Set<number>();
  const edges: Array<Set<number>> = skeleton.map(() => new Set());
  const visit = (index: number, body: StmtSkeleton[]): void => {
    for (const s of body) {
      const add = (set: Set<number>, c: CallSkeleton): void => {
        const t = target(index, c);
        if (t !== null) set.add(t);
      };
      if (s.kind === 'createTask' || s.kind === 'unawaitedTask') add(roots, s.call);
      else if (s.kind === 'feature') add(featureModule(s.feature)?.spawns?.(s.picks) ? roots : edges[index], s.call);
      else if (s.kind === 'gather') for (const item of s.items) if (item.kind === 'call') add(roots, item.call);
      if (s.kind === 'awaitCoroutine' || s.kind === 'guardedAwait') add(edges[index], s.call);
      if (s.kind === 'for' || s.kind === 'try') visit(index, s.body);
    }
  };
  skeleton.forEach((f, index) => visit(index, f.body));
  const pending = [...roots];
  for (let f = pending.pop(); f !== undefined; f = pending.pop()) {
    for (const g of edges[f]) if (!roots.has(g)) (roots.add(g), pending.push(g));
  }
  return roots;
}

/** Names of the functions `root` calls, directly or not (also from the methods of the classes a function defines), and its own. */
function reachableFrom(root: FunctionDef, byName: ReadonlyMap<string, FunctionDef>, classes: ReadonlyMap<string, ClassDef[]>): Set<string> {
  const seen = new Set<string>([root.name]);
  const pending = [root];
  const found = (func: string): void => {
    if (seen.has(func) || !byName.has(func)) return;
    seen.add(func);
    pending.push(byName.get(func)!);
  };
  for (let f = pending.pop(); f !== undefined; f = pending.pop()) callsIn([f.body, classes.get(f.name) ?? []], found);
  return seen;
}

/** Calls `found` with the callee of every `call` node in an IR tree (any node kind: a plain walk over the data). */
function callsIn(node: unknown, found: (func: string) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) callsIn(x, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { kind?: string; func?: string };
  if (n.kind === 'call' && n.func !== undefined) found(n.func);
  // A function named as a value (`functools.partial(worker2, 1)`) is called too.
  if (n.kind === 'name' && typeof (n as { id?: unknown }).id === 'string') found((n as { id: string }).id);
  for (const key in node) callsIn((node as Record<string, unknown>)[key], found);
}
