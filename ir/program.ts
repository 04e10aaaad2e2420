/**
 * The program IR: one JSON-serialisable shape that every stage shares.
 *
 * generators/ produce it, oracle/importer.ts reads real `.py` files into it, ir/python.ts
 * prints it as Python (what the oracle runs), transpile/ turns it into TypeScript
 * (what the port runs), reports/ show both. Nothing here knows how a program runs.
 *
 * The subset is what asyncio tutorials use. Invariants every stage may rely on:
 * - `Program.functions` are module-level `def`/`async def`; names are unique.
 * - `Program.body` are the module-level statements, run in order *after* every def.
 * - A `call` names a function of `Program.functions`; `builtin`, `asyncio` and `method`
 *   calls name only members of the unions below (the importer refuses anything else).
 * - Python semantics throughout: `int` and `float` are distinct, `/` is true division,
 *   `and`/`or` return an operand, a function's locals are every name it assigns.
 * - A `stdlib` call or `stdlibConst` names a listed member of a module of `Program.imports`
 *   (`time`, `random`, `math`: STDLIB_FUNCTIONS / STDLIB_CONSTANTS); those names are never bound.
 */

/** Bumped whenever a stored IR (corpus, JSON report) would no longer read the same. */
export const IR_VERSION = 2;

export interface Program {
  header?: ProgramHeader;
  functions: FunctionDef[];
  /** Module-level statements, run after all defs (typically `asyncio.run(main())`). */
  body: Stmt[];
  /** Modules imported besides asyncio (`import time`), in the order first imported; absent: none. */
  imports?: StdlibModule[];
}

/** What a generated program carries in its header comment: enough to replay it. */
export interface ProgramHeader {
  /** e.g. `asyncio-conformance 0.1.0` */
  generator: string;
  seed?: number;
  /** fast-check replay path (the run index, then shrink steps), e.g. `"17:3:0"` */
  path?: string;
  /** Constraints the generator ran with (only the ones that differ from defaults may be listed). */
  constraints?: object;
  /** The file a program was imported from. */
  source?: string;
  /** Free-form lines (e.g. a diagnosis when a counterexample is saved). */
  notes?: string[];
}

export interface FunctionDef {
  name: string;
  isAsync: boolean;
  params: Param[];
  body: Stmt[];
  /** 1-based source line of the `def`, when imported. */
  line?: number;
}

export interface Param {
  name: string;
  default?: Expr;
}

// ---------------------------------------------------------------------------- statements

export type Stmt =
  | ExprStmt
  | AssignStmt
  | AugAssignStmt
  | ReturnStmt
  | IfStmt
  | ForStmt
  | WhileStmt
  | { kind: 'break'; line?: number }
  | { kind: 'continue'; line?: number }
  | { kind: 'pass'; line?: number };

/** `line` (1-based, optional) is the source line when imported; printers may ignore it. */
export interface ExprStmt { kind: 'expr'; expr: Expr; line?: number }
export interface AssignStmt { kind: 'assign'; target: Target; value: Expr; line?: number }
export interface AugAssignStmt { kind: 'augAssign'; target: Target; op: BinOpName; value: Expr; line?: number }
export interface ReturnStmt { kind: 'return'; value?: Expr; line?: number }
/** `elif` is an `if` that is the only statement of `orelse`. */
export interface IfStmt { kind: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[]; line?: number }
export interface ForStmt { kind: 'for'; target: Target; iter: Expr; body: Stmt[]; line?: number }
export interface WhileStmt { kind: 'while'; test: Expr; body: Stmt[]; line?: number }

/** What can be assigned to: `x`, `xs[i]`, `a, b` (tuple unpacking). */
export type Target =
  | { kind: 'name'; id: string }
  | { kind: 'subscript'; value: Expr; index: Expr }
  | { kind: 'tuple'; elts: Target[] };

// ---------------------------------------------------------------------------- expressions

export type Expr =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'name'; id: string }
  | { kind: 'list'; elts: Expr[] }
  | { kind: 'tuple'; elts: Expr[] }
  | { kind: 'binOp'; op: BinOpName; left: Expr; right: Expr }
  | { kind: 'unaryOp'; op: UnaryOpName; operand: Expr }
  | { kind: 'boolOp'; op: 'and' | 'or'; values: Expr[] }
  /** Chained comparison `a < b <= c`: `ops.length === comparators.length`. */
  | { kind: 'compare'; left: Expr; ops: CmpOpName[]; comparators: Expr[] }
  | { kind: 'ifExp'; test: Expr; body: Expr; orelse: Expr }
  | { kind: 'subscript'; value: Expr; index: Expr }
  | { kind: 'listComp'; elt: Expr; generators: Comprehension[] }
  | { kind: 'fstring'; parts: FStringPart[] }
  | { kind: 'await'; value: Expr }
  /** `*xs` — only as an argument of a call, or an element of a list/tuple literal. */
  | { kind: 'starred'; value: Expr }
  /** A call of a function of `Program.functions`. */
  | { kind: 'call'; func: string; args: Expr[]; keywords: Keyword[] }
  | { kind: 'builtin'; func: BuiltinName; args: Expr[]; keywords: Keyword[] }
  /** `asyncio.<func>(...)` */
  | { kind: 'asyncio'; func: AsyncioName; args: Expr[]; keywords: Keyword[] }
  /** `<object>.<method>(...)` on a list or a task. */
  | { kind: 'method'; object: Expr; method: MethodName; args: Expr[]; keywords: Keyword[] }
  /** `time.sleep(1)`, `random.randint(1, 6)`, `math.sqrt(x)`: a listed function of an imported module. */
  | { kind: 'stdlib'; module: StdlibModule; func: string; args: Expr[]; keywords: Keyword[] }
  /** `math.pi`: a listed constant of an imported module. */
  | { kind: 'stdlibConst'; module: StdlibModule; name: string };

export interface Keyword { name: string; value: Expr }
export interface Comprehension { target: Target; iter: Expr; ifs: Expr[] }
/** A literal piece, or `{value!conversion:spec}`; `spec` is a static format spec such as `.2f` or `>5`. */
export type FStringPart = string | { value: Expr; conversion?: 'r' | 's'; spec?: string };

export type BinOpName = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type UnaryOpName = '-' | '+' | 'not';
export type CmpOpName = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export const BUILTINS = [
  'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
  'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip',
] as const;
export type BuiltinName = (typeof BUILTINS)[number];

export const ASYNCIO_FUNCTIONS = ['run', 'sleep', 'create_task', 'gather', 'current_task', 'all_tasks'] as const;
export type AsyncioName = (typeof ASYNCIO_FUNCTIONS)[number];

/** List methods, then Task methods. */
export const METHODS = ['append', 'pop', 'done', 'result', 'cancelled', 'cancel', 'get_name'] as const;
export type MethodName = (typeof METHODS)[number];

/** Modules a program may import besides asyncio (time and random run on the virtual clock and a seeded generator: runtime/time.ts, runtime/random.ts). */
export const STDLIB_MODULES = ['time', 'random', 'math'] as const;
export type StdlibModule = (typeof STDLIB_MODULES)[number];

/** The functions of each module a program may call (keep in step with importer.py STDLIB_FUNCTIONS). */
export const STDLIB_FUNCTIONS: Readonly<Record<StdlibModule, readonly string[]>> = {
  time: ['time', 'monotonic', 'perf_counter', 'sleep'],
  random: ['seed', 'random', 'randint', 'randrange', 'uniform', 'choice', 'shuffle', 'sample', 'getrandbits'],
  math: ['floor', 'ceil', 'sqrt', 'isclose', 'gcd', 'fabs', 'pow'],
};

/** The constants of each module a program may read. */
export const STDLIB_CONSTANTS: Readonly<Record<StdlibModule, readonly string[]>> = {
  time: [],
  random: [],
  math: ['pi', 'e', 'tau', 'inf', 'nan'],
};

/**
 * `time.time()` is this fixed epoch plus the virtual clock, on every target (the oracle's worker and
 * runtime/time.ts), so a program that prints it prints the same everywhere: 2023-11-14 22:13:20 UTC.
 */
export const VIRTUAL_EPOCH = 1_700_000_000.0;

/** The seed `random` starts every run with, on every target, unless the program seeds it itself. */
export const RANDOM_RUN_SEED = 0;

// ---------------------------------------------------------------------------- traces

/**
 * One `print` call as it was observed: `text` is exactly what it wrote (`sep`-joined
 * arguments plus `end`), `time` the virtual clock read *raw* (reading it for the trace
 * never advances the clock), `task` the name of the task that printed (`Task-N`, as
 * `Task.get_name()` says, the counter fresh for every program) or null outside a task,
 * `iteration` the number of `_run_once` calls of the loop so far (0 before the loop runs).
 */
export interface TraceEntry {
  text: string;
  time: number;
  task: string | null;
  iteration: number;
}

/** How a run ended. `exception` is what escaped `asyncio.run` (or the module). */
export type Outcome =
  | { kind: 'ok' }
  | { kind: 'exception'; type: string; message: string }
  /** Nothing ready, no timer, main not done: CPython would block forever. */
  | { kind: 'deadlock' }
  /** The step or virtual-time budget ran out (an endless `sleep(0)` loop, say). */
  | { kind: 'budget'; limit: 'iterations' | 'time' | 'wallclock' }
  /** The process running it died twice on this program (a segfault, an OOM kill): no verdict about the program itself. */
  | { kind: 'crash'; message: string };

/** Everything a run of one program tells: the same shape from every target. */
export interface RunResult {
  trace: TraceEntry[];
  outcome: Outcome;
  /** Virtual time when the run ended. */
  endTime: number;
  /** `_run_once` calls in all. */
  iterations: number;
}

export type ClockModel = 'realistic' | 'ideal';

/** How far a run may go before it is stopped with a `budget` outcome. */
export interface Budget {
  /** Loop iterations (`_run_once` calls). */
  maxIterations: number;
  /** Virtual seconds. */
  maxTime: number;
}

export const DEFAULT_BUDGET: Budget = { maxIterations: 100_000, maxTime: 100_000 };
export const REALISTIC_QUANTUM = 1e-6;
export const CLOCK_RESOLUTION = 1e-9;
