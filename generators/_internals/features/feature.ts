/**
 * The contract of a generator feature module: one file per feature holds both its
 * skeleton part (how many small choices it draws, `picks`) and its lowering (choices → IR),
 * and states in its doc comment why every lowering is valid, terminating and deterministic.
 * Adding a feature is: a module here, its line in `index.ts`, its flag in
 * `constraints.ts` (ProgramFeatures, DEFAULT_FEATURES). `skeleton.ts` and `lower.ts` know
 * features only through this interface.
 *
 * Shrinking stays valid because the lowering is total: every pick is taken modulo what
 * exists at that point, and shrinking a pick towards 0 moves towards the simplest form.
 */
import type { ClassDef, Expr, FunctionDef, Stmt, StdlibModule } from '../../../ir/program.ts';
import type { ProgramFeatures } from '../constraints.ts';
import type { CallSkeleton } from '../skeleton.ts';

/** What lowering one feature statement may see and do; built by `lower.ts` for each statement. */
export interface FeatureContext {
  /** `'<function>:<index>'`: this statement's label, for its first print. */
  readonly label: Expr;
  /** The statement's preorder index: suffix for the names it binds (`d3`, `bump3`), unique in its function. */
  readonly index: number;
  /** A fresh label for every further print. */
  nextLabel(): Expr;
  /** What the statement degrades to when its construct is impossible here: a print. */
  fallback(): Stmt[];
  /** Names holding an int here: `n` (not in main) and the enclosing loop variables, innermost last. */
  readonly intNames: readonly string[];
  /**
   * Only main's task ever runs this function (over-approximated): code here is never cancelled by
   * `asyncio.run`'s shutdown (whose order is a set's), so it may catch CancelledError and print.
   */
  readonly mainTaskOnly: boolean;
  /** Task variables assigned so far in this function (preorder, certainly assigned). */
  readonly tasks: readonly string[];
  /** Those of them no statement of this function cancels: awaiting one never raises CancelledError. */
  readonly awaitableTasks: readonly string[];
  /** Records that this statement cancels `task`, so no other statement of the function awaits it. */
  markCancelled(task: string): void;
  /** Counts `statements` executed statements per run of the enclosing block. */
  charge(statements: number): void;
  /** `workerK(arg)` for the skeleton's call, run `times` times per block run; null: no later function, or over budget. */
  callOf(call: CallSkeleton, times?: number): Expr | null;
  /** A delay of the run's `delays`, by choice modulo their number. */
  delay(choice: number): number;
  /** A `for` statement may be emitted here (the loop nesting stays within `maxDepth`). */
  readonly loopsAllowed: boolean;
  /** The run's `maxDepth`: a method body (indented like a loop body) may hold a loop only when it is at least 2. */
  readonly maxDepth: number;
  /** The program's features: a module keeps to the ones it relies on (no `asyncio.sleep` without `sleep`, no new task without `createTask`). */
  readonly features: Readonly<ProgramFeatures>;
  /** The program imports `module` (time, random). */
  useModule(module: StdlibModule): void;
  /** The enclosing function's name (`main`, `worker2`): with `index`, a module-level name unique in the program. */
  readonly functionName: string;
  /**
   * Adds a module-level statement (a `class`, `kept = []`) that binds `name`, before `asyncio.run(main())`;
   * false (nothing added) when the program already binds `name` there. Dropped when no kept function reads it.
   */
  defineGlobal(name: string, stmt: Stmt): boolean;
  /**
   * Adds a module-level function (a `@contextlib.contextmanager` generator: the IR allows decorators only
   * there); its name must be new. False (nothing added) when the program would then hold more than `maxFunctions`.
   */
  defineFunction(def: FunctionDef): boolean;
  /**
   * Adds a module-level class statement (the IR allows classes only there), before `asyncio.run`.
   * Its methods may call later functions (`callOf`'s callee, the call charged where it runs);
   * the class is kept exactly when this function is.
   */
  defineClass(cls: ClassDef): void;
}

export interface FeatureModule {
  /** The flag in ProgramFeatures that switches it on. */
  readonly feature: keyof ProgramFeatures;
  /** The largest value of each choice this feature draws (each drawn from 0 to that; shrinks towards 0). */
  readonly picks: readonly number[];
  /** Whether a statement with these picks runs its `call` in a task of its own (for lower.ts's analysis of what tasks run). */
  readonly spawns?: (picks: readonly number[]) => boolean;
  /** The statements; must be valid for every picks and context. */
  lower(picks: readonly number[], call: CallSkeleton, ctx: FeatureContext): Stmt[];
  /** Whether this feature shows in a printed program (for the test that every feature appears). */
  readonly appearsIn: (python: string) => boolean;
}
