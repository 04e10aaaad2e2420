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
 * - Functions as values (issue 8 item 3): a `def` stmt (nested def) appears only inside a
 *   function body, a `lambda`'s def has exactly one `return` statement; `global`/`nonlocal`
 *   name variables, never parameters; `callValue` calls any expression (a variable, a
 *   subscript, a lambda); a name of `Program.functions` may be read as a value.
 * - `slice` appears only as the `index` of a subscript; a `starred` target only as an element
 *   of a tuple target, at most one per tuple; `delete` targets are subscripts; a `namedExpr`
 *   binds a local of the enclosing function (also from inside a comprehension).
 * - Iteration (issue 8 item 5): a function whose body (not a nested def's) holds a `yield` is a
 *   generator (an async generator when `isAsync`); `yieldFrom` never in an `async def`; an `isAsync`
 *   `for` or comprehension only inside an `async def`; a `genExp` holds no `await`.
 * - Exceptions: an `except ... as e` name is a local of its
 *   function (a global at module level); a bare `raise` occurs only inside an `except` handler;
 *   exception classes are only the members of EXCEPTION_CLASSES (`excClass`/`excCall`), and
 *   the only dunders a program reads are `type(x).__name__`, `e.__cause__`, `e.__context__`.
 * - `with`/`async with` (issue 9): an `async with` only inside an `async def`; its targets bind
 *   locals of the enclosing function like assignments; `with` never at module level.
 * - A `slice` is only ever the `index` of a `subscript` expression (never a target's); a
 *   `builtinValue` names a member of BUILTINS (a builtin used as a value: `key=len`).
 * - A `stdlib` call or `stdlibConst` names a listed member of a module of `Program.imports`
 *   (`time`, `random`, `math`: STDLIB_FUNCTIONS / STDLIB_CONSTANTS); those names are never bound.
 * - Classes (issue 8 item 2): a `class` statement appears only in `Program.body` (module
 *   level) and binds its name as a module global; its `base` is a class the program defined
 *   (a `name`) or an `excClass`. Its members are class attributes and methods in source order;
 *   a method's body is a function scope whose enclosing scope is the module (never the class
 *   body). A `super` expression appears only as the `object` of an `attr`, inside a method
 *   that has a first parameter, outside any nested def or lambda. An `attr` name is any
 *   identifier that is not a dunder, except `super().<dunder>` of CLASS_DUNDERS; method names
 *   are identifiers, dunders only from CLASS_DUNDERS. `except`/`raise`/`isinstance` may name a
 *   user class by its (global) name.
 * - Issue 8 items 3, 4, 9 (IR 3): a def's `kwarg` (`**kwargs`) binds a dict; a keyword named `**` is
 *   `**mapping` and appears only in `call`/`callValue`; `collections` and `itertools` are modules
 *   (a `from m import f` is read as `m.f`); a `match` statement is read as the if/elif chain
 *   CPython compiles it to, so no statement kind of its own.
 * - `asyncio.FIRST_COMPLETED`, `FIRST_EXCEPTION`, `ALL_COMPLETED` are read as the `str` each is
 *   equal to in CPython (`'FIRST_COMPLETED'`...): `asyncio.wait` compares by value, so the
 *   printed program behaves as the source.
 */

/** Bumped whenever a stored IR (corpus, JSON report) would no longer read the same. */
export const IR_VERSION = 3;

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
  /** `*args`: the name bound to the tuple of extra positional arguments. */
  vararg?: string;
  /** Keyword-only parameters (after `*` or `*args`). */
  kwonly?: Param[];
  /** `**kwargs`: the name bound to the dict of extra keyword arguments (issue 8 item 3). */
  kwarg?: string;
  /**
   * `@contextlib.contextmanager` on a generator `def`, `@contextlib.asynccontextmanager` on an
   * async generator (issue 8 item 6); only on module functions; the program imports contextlib.
   */
  decorator?: ContextDecorator;
}

export const CONTEXT_DECORATORS = ['contextmanager', 'asynccontextmanager'] as const;
export type ContextDecorator = (typeof CONTEXT_DECORATORS)[number];

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
  | { kind: 'pass'; line?: number }
  | DefStmt
  | { kind: 'global'; names: string[]; line?: number }
  | { kind: 'nonlocal'; names: string[]; line?: number }
  | DeleteStmt
  | TryStmt
  | RaiseStmt
  | AssertStmt
  | ClassStmt
  | WithStmt;

/** A `def`/`async def` nested in a function body: binds its name as a local of that function. */
export interface DefStmt { kind: 'def'; def: FunctionDef; line?: number }

/** `line` (1-based, optional) is the source line when imported; printers may ignore it. */
export interface ExprStmt { kind: 'expr'; expr: Expr; line?: number }
export interface AssignStmt { kind: 'assign'; target: Target; value: Expr; line?: number }
export interface AugAssignStmt { kind: 'augAssign'; target: Target; op: BinOpName; value: Expr; line?: number }
export interface ReturnStmt { kind: 'return'; value?: Expr; line?: number }
/** `elif` is an `if` that is the only statement of `orelse`. */
export interface IfStmt { kind: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[]; line?: number }
/** `isAsync`: `async for` (issue 8 item 5; `iter` has `__aiter__`/`__anext__`), only inside an `async def`. */
export interface ForStmt { kind: 'for'; target: Target; iter: Expr; body: Stmt[]; line?: number; isAsync?: boolean }
export interface WhileStmt { kind: 'while'; test: Expr; body: Stmt[]; line?: number }
/** `del d[k], xs[i], xs[a:b]`. */
export interface DeleteStmt { kind: 'delete'; targets: Target[]; line?: number }

/**
 * `try:` with `except` handlers (in order), `else:` (runs when the body raised nothing) and `finally:`; at least one handler or a finally.
 * `star` (issue 9): `except*` handlers (PEP 654): each has a type, and no `return`/`break`/`continue` in them.
 */
export interface TryStmt { kind: 'try'; body: Stmt[]; handlers: ExceptHandler[]; orelse: Stmt[]; finalbody: Stmt[]; line?: number; star?: boolean }
/** `except <type> as <name>:`; no `type` is a bare `except:` (then no name), which must come last. */
export interface ExceptHandler { type?: Expr; name?: string; body: Stmt[]; line?: number }
/** `raise`, `raise exc`, `raise exc from cause` (`cause` may be `None`). No `exc` (bare): only inside a handler. */
export interface RaiseStmt { kind: 'raise'; exc?: Expr; cause?: Expr; line?: number }
/** `assert test` / `assert test, msg`. */
export interface AssertStmt { kind: 'assert'; test: Expr; msg?: Expr; line?: number }

/** `class name(base):` at module level (issue 8 item 2). */
export interface ClassStmt { kind: 'class'; def: ClassDef; line?: number }
export interface ClassDef {
  name: string;
  /** A class of the program (`name`) or an exception class (`excClass`); absent: `object`. */
  base?: Expr;
  /** `@dataclass` (`from dataclasses import dataclass`) or `@dataclasses.dataclass`: its annotated attributes are its fields. */
  dataclass?: 'dataclass' | 'dataclasses.dataclass';
  /**
   * `class P(NamedTuple):` (`from typing import NamedTuple`) or `class P(typing.NamedTuple):`: no
   * `base`; its annotated attributes are its fields (as a dataclass's), its instances tuples.
   */
  namedTuple?: 'NamedTuple' | 'typing.NamedTuple';
  /** `@dataclass(order=True, frozen=True, eq=False)`: the decorator's options, as written (only with `dataclass`). */
  dataclassOptions?: DataclassOptions;
  body: ClassMember[];
  line?: number;
}
/** The options of `@dataclass(...)` the runtime ports (dataclasses.py _process_class, 3.11). */
export interface DataclassOptions { eq?: boolean; order?: boolean; frozen?: boolean }
export const DATACLASS_OPTIONS = ['eq', 'order', 'frozen'] as const;

/**
 * One item of a class body. An `attr` is `name = value` (also read from `name: <ann> = value`);
 * in a dataclass, `annotated` marks a field (`name: <ann> = value`, or `name: <ann>` without a
 * value, printed with the annotation `object`); a `method` a def, maybe decorated (`setter`:
 * `@<name>.setter` after a `property` of that name).
 */
export type ClassMember =
  | { kind: 'attr'; name: string; value?: Expr; annotated?: boolean; line?: number }
  | { kind: 'method'; def: FunctionDef; decorator?: 'staticmethod' | 'classmethod' | 'property' | 'setter'; line?: number }
  | { kind: 'pass'; line?: number };

/** The dunder methods a class may define (runtime/classes.ts installs them; `super().<one of them>` may be read). */
export const CLASS_DUNDERS = [
  '__init__', '__str__', '__repr__', '__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__', '__len__', '__bool__',
  '__aenter__', '__aexit__', '__enter__', '__exit__', '__aiter__', '__anext__', '__post_init__',
  '__hash__', '__iter__', '__next__', '__getitem__', '__contains__', '__call__',
] as const;
/**
 * `with A() as a, B():` / `async with ...:` (issue 9): the items are entered left to right and
 * exited in reverse, as nested `with` statements would be; `async` only inside an `async def`.
 */
export interface WithStmt { kind: 'with'; isAsync: boolean; items: WithItem[]; body: Stmt[]; line?: number }
/** One `EXPR [as TARGET]` of a `with` statement. */
export interface WithItem { context: Expr; target?: Target }

/** What can be assigned to: `x`, `xs[i]`, `a, b` (tuple unpacking). */
export type Target =
  | { kind: 'name'; id: string }
  | { kind: 'subscript'; value: Expr; index: Expr }
  | { kind: 'tuple'; elts: Target[] }
  /** `*rest` inside a tuple target: a list of what the other targets leave. */
  | { kind: 'starred'; target: Target }
  /** `obj.name = v` (issue 8 item 2). */
  | { kind: 'attr'; object: Expr; name: string };

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
  /** `lambda params: value`: `def.name` is `<lambda>`, its body one `return`. */
  | { kind: 'lambda'; def: FunctionDef }
  /** A call of any expression (`f(x)` where `f` is a variable, `callbacks[0](x)`). */
  | { kind: 'callValue'; func: Expr; args: Expr[]; keywords: Keyword[] }
  /** `functools.partial(func, *args, **keywords)` (the program imports functools, or partial from it). */
  | { kind: 'partial'; func: Expr; args: Expr[]; keywords: Keyword[] }
  /** `{k: v, ...}` (`keys.length === values.length`). */
  | { kind: 'dict'; keys: Expr[]; values: Expr[] }
  /** `{a, b, *c}` (never empty: `set()` is a builtin call). */
  | { kind: 'set'; elts: Expr[] }
  | { kind: 'dictComp'; key: Expr; value: Expr; generators: Comprehension[] }
  | { kind: 'setComp'; elt: Expr; generators: Comprehension[] }
  /** `a:b:c` as a subscript's index; omitted parts are absent. */
  | { kind: 'slice'; lower?: Expr; upper?: Expr; step?: Expr }
  /** `(target := value)`. */
  | { kind: 'namedExpr'; target: string; value: Expr }
  /** An exception class as a value: `ValueError`, `asyncio.CancelledError`. */
  | { kind: 'excClass'; name: ExceptionClassName }
  /** An exception class called: `ValueError('bad', 3)` (positional arguments only). */
  | { kind: 'excCall'; name: ExceptionClassName; args: Expr[] }
  /** `isinstance(value, types)`: `types` a class or a tuple of classes (checked when it runs). */
  | { kind: 'isinstance'; value: Expr; types: Expr }
  /** `type(value).__name__` (the only `__name__` a program reads). */
  | { kind: 'typeName'; value: Expr }
  /** `e.args`, `e.__cause__`, `e.__context__` of an exception. */
  | { kind: 'excAttr'; object: Expr; attr: ExceptionAttr }
  /** A builtin named as a value (`sorted(xs, key=len)`, `map(str, xs)`, `isinstance(x, int)`). */
  | { kind: 'builtinValue'; name: BuiltinName }
  /** `time.sleep(1)`, `random.randint(1, 6)`, `math.sqrt(x)`: a listed function of an imported module. */
  | { kind: 'stdlib'; module: StdlibModule; func: string; args: Expr[]; keywords: Keyword[] }
  /** `math.pi`: a listed constant of an imported module. */
  | { kind: 'stdlibConst'; module: StdlibModule; name: string }
  /** `obj.name` (issue 8 item 2): an attribute of a user instance or class, or of `super()`. */
  | { kind: 'attr'; object: Expr; name: string }
  /** `super()` in a method: only as an `attr`'s object. */
  | { kind: 'super' }
  /** `(elt for ... in ...)`: a lazy generator; the first iterable is evaluated (iter()) where it is written. */
  | { kind: 'genExp'; elt: Expr; generators: Comprehension[] }
  /** `yield` / `yield value` (only in a function body: that function is a generator, or an async generator). */
  | { kind: 'yield'; value?: Expr }
  /** `yield from value` (only in a `def` body, never an `async def`'s). */
  | { kind: 'yieldFrom'; value: Expr };

/** `name=value`; the name `**` is `**value` (a mapping unpacked; only in calls of user functions and values). */
export interface Keyword { name: string; value: Expr }
/** `isAsync`: `async for` in a comprehension (only inside an `async def`). */
export interface Comprehension { target: Target; iter: Expr; ifs: Expr[]; isAsync?: boolean }
/** A literal piece, or `{value!conversion:spec}`; `spec` is a static format spec such as `.2f` or `>5`. */
export type FStringPart = string | { value: Expr; conversion?: 'r' | 's'; spec?: string };

export type BinOpName = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '|' | '&' | '^';
export type UnaryOpName = '-' | '+' | 'not';
export type CmpOpName = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export const BUILTINS = [
  'print', 'len', 'range', 'str', 'repr', 'int', 'float', 'bool', 'abs', 'min', 'max', 'sum',
  'list', 'tuple', 'round', 'sorted', 'enumerate', 'zip',
  'dict', 'set', 'frozenset',
  'any', 'all', 'divmod', 'reversed', 'isinstance', 'hash', 'chr', 'ord', 'map', 'filter',
  'next', 'iter', 'anext',
] as const;
export type BuiltinName = (typeof BUILTINS)[number];

export const ASYNCIO_FUNCTIONS = [
  'run', 'sleep', 'create_task', 'gather', 'current_task', 'all_tasks',
  // tasks, futures and the loop API (issue 9, h4)
  'wait_for', 'wait', 'shield', 'as_completed', 'ensure_future', 'Future', 'get_running_loop',
  'get_event_loop', 'new_event_loop', 'set_event_loop', 'Runner',
  // synchronisation, queues, timeouts and task groups (issue 9, h3): constructors of port objects
  'Lock', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore', 'Barrier', 'Queue', 'PriorityQueue',
  'LifoQueue', 'timeout', 'timeout_at', 'TaskGroup',
] as const;
export type AsyncioName = (typeof ASYNCIO_FUNCTIONS)[number];

/** List methods, then Task methods, then dict and set methods, then str methods and the other list methods. */
export const METHODS = [
  'append', 'pop', 'done', 'result', 'cancelled', 'cancel', 'get_name', 'keys', 'values', 'items',
  'get', 'setdefault', 'update', 'clear', 'copy', 'popitem', 'add', 'discard', 'remove', 'union',
  'intersection', 'difference', 'symmetric_difference', 'issubset', 'issuperset', 'isdisjoint',
  'intersection_update', 'difference_update', 'symmetric_difference_update', 'format', 'join',
  'split', 'rsplit', 'strip', 'lstrip', 'rstrip', 'replace', 'upper', 'lower', 'title',
  'capitalize', 'swapcase', 'startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count',
  'ljust', 'rjust', 'center', 'zfill', 'isdigit', 'isdecimal', 'isnumeric', 'isalpha', 'isalnum',
  'isspace', 'isupper', 'islower', 'partition', 'rpartition', 'splitlines', 'removeprefix',
  'removesuffix', 'extend', 'insert', 'sort', 'reverse',
  'appendleft', 'popleft', 'extendleft', 'rotate', 'most_common', 'elements', 'subtract', 'total',
  // Task, Future, loop, Handle and Runner methods (issue 9, h4)
  'get_coro', 'set_name', 'exception', 'cancelling', 'uncancel', 'add_done_callback',
  'remove_done_callback', 'set_result', 'set_exception', 'get_loop', 'run_until_complete',
  'run_forever', 'stop', 'close', 'is_running', 'is_closed', 'call_soon', 'call_later', 'call_at',
  'time', 'create_task', 'create_future', 'run', 'when', 'set_exception_handler', 'get_exception_handler',
  'send', 'throw', 'asend', 'athrow', 'aclose',
  // locks, events, conditions, semaphores, barriers, queues, timeouts, task groups (issue 9, h3)
  'acquire', 'release', 'locked', 'set', 'is_set', 'wait', 'wait_for', 'notify', 'notify_all',
  'put', 'put_nowait', 'get_nowait', 'qsize', 'empty', 'full', 'task_done', 'reset', 'abort',
  'reschedule', 'expired',
] as const;
export type MethodName = (typeof METHODS)[number];

/**
 * The exception classes a program may name: the built-in hierarchy programs meet, then
 * asyncio's (spelled as the program spells them). Ports Objects/exceptions.c and
 * asyncio/exceptions.py (names only; runtime/exceptions.ts has the classes).
 */
export const EXCEPTION_CLASSES = [
  'BaseException', 'Exception', 'ArithmeticError', 'ZeroDivisionError', 'OverflowError', 'LookupError',
  'IndexError', 'KeyError', 'NameError', 'UnboundLocalError', 'TypeError', 'ValueError', 'AttributeError',
  'RuntimeError', 'RecursionError', 'NotImplementedError', 'AssertionError', 'StopIteration',
  'StopAsyncIteration', 'TimeoutError', 'KeyboardInterrupt',
  'asyncio.CancelledError', 'asyncio.TimeoutError', 'asyncio.InvalidStateError',
  'asyncio.QueueEmpty', 'asyncio.QueueFull', 'asyncio.BrokenBarrierError', 'BaseExceptionGroup', 'ExceptionGroup',
  'dataclasses.FrozenInstanceError',
] as const;
export type ExceptionClassName = (typeof EXCEPTION_CLASSES)[number];
export const EXCEPTION_ATTRS = ['args', '__cause__', '__context__', 'exceptions'] as const;
export type ExceptionAttr = (typeof EXCEPTION_ATTRS)[number];
/** Modules a program may import besides asyncio (time and random run on the virtual clock and a seeded generator: runtime/time.ts, runtime/random.ts). */
export const STDLIB_MODULES = ['time', 'random', 'math', 'collections', 'itertools', 'contextlib', 'dataclasses', 'datetime'] as const;
export type StdlibModule = (typeof STDLIB_MODULES)[number];

/** The functions of each module a program may call (keep in step with importer.py STDLIB_FUNCTIONS). */
export const STDLIB_FUNCTIONS: Readonly<Record<StdlibModule, readonly string[]>> = {
  time: ['time', 'monotonic', 'perf_counter', 'sleep'],
  random: ['seed', 'random', 'randint', 'randrange', 'uniform', 'gauss', 'choice', 'shuffle', 'sample', 'getrandbits'],
  /** log, exp, sin, cos (and pow) are libm's in CPython: the port runs glibc's, ported bit for bit (runtime/math.ts). */
  math: ['floor', 'ceil', 'sqrt', 'isclose', 'gcd', 'fabs', 'pow', 'log', 'exp', 'sin', 'cos'],
  collections: ['deque', 'defaultdict', 'Counter', 'namedtuple'],
  itertools: ['count', 'cycle', 'repeat', 'islice', 'chain', 'chain.from_iterable', 'product', 'permutations',
    'combinations', 'accumulate', 'groupby', 'zip_longest', 'pairwise'],
  contextlib: [],
  /** `field(default=, default_factory=, repr=, compare=)` in a @dataclass body. */
  dataclasses: ['field'],
  /** `datetime.datetime.now()` on the virtual clock (runtime/datetime.ts), `datetime.datetime(y, m, d, ...)`, `datetime.timedelta(...)`. */
  datetime: ['datetime.now', 'datetime', 'timedelta'],
};

/** The constants of each module a program may read. */
export const STDLIB_CONSTANTS: Readonly<Record<StdlibModule, readonly string[]>> = {
  time: [],
  random: [],
  math: ['pi', 'e', 'tau', 'inf', 'nan'],
  collections: [],
  itertools: [],
  contextlib: [],
  dataclasses: [],
  datetime: [],
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
