/**
 * IR → TypeScript text, written line by line (line-writer.ts; no AST per program: the hot path
 * stays string building). The output reads line for line like the Python: same names,
 * same statement order, function-scoped locals declared first as Python scopes them.
 *
 * Python values go through `py.*` (runtime/index.ts) unless static types allow a native
 * operator. What is async (an `async def`, `await`, `asyncio.*`, task methods, coroutine types,
 * the imports) is written by the profile's dialect (dialect.ts): `port` (CPython's semantics
 * on port/index.ts) or `native` (plain promises on native/).
 */
import { LineWriter } from './line-writer.ts';
import type { AsyncioName, ClassDef, CmpOpName, Comprehension, Expr, FStringPart, FunctionDef, Keyword, Program, Stmt, Target } from '../ir/program.ts';
import { headerLines } from '../ir/header.ts';
import { printPythonWithLines } from '../ir/python.ts';
import { floatRepr } from '../runtime/str.ts';
import { DEFAULT_NATIVE_IMPORT } from './dialect-native.ts';
import { emitStdlib } from './emit-stdlib.ts';
import { BLOCKING_METHODS } from './emit-asyncio-api.ts';
import { PORT_DIALECT } from './dialect-port.ts';
import { P, operand, out, type AsyncDialect, type ExprEmitter, type ImportPaths, type Out } from './dialect.ts';
import { Inference, binOpType, bindStatically, type Scope } from './infer.ts';
import type { ProgramScan } from './program-scan.ts';
import { Temps, templateText, tsString } from './names.ts';
import { frozensetRebuilds, setDisplayMode } from './emit-containers.ts';
import { emitWith, type WithEmitter } from './emit-with.ts';
import { CatchNames, emitAssert, emitRaise, emitTry, exceptionExpr, handlerNames, type ExceptionEmitter } from './emit-exceptions.ts';
import { T, isAlwaysTrue, join, sameType, terminates, tsType, type FunctionInfo, type SType } from './types.ts';
import { functionValueName, functionsUsedAsValues, keywordsCode, signatureCode } from './emit-functions.ts';
import { containsLambda, parameterNames } from './scopes.ts';
import { emitClass, superCode } from './emit-classes.ts';
import { droppedLocals, generatorFunctionText, isGenerator } from './emit-generators.ts';

export type { ImportPaths } from './dialect.ts';

/** The line before the module's statements; the linkers of compileForPort/compileForNative rely on `export default`. */
const MODULE_DONE_COMMENT = "// The module's statements, in order; the module is done when this promise settles.";

/** The module specifiers a transpiled file imports when not told otherwise (from the repo root). */
export const DEFAULT_IMPORTS: ImportPaths = { port: './port/index.ts', python: './runtime/index.ts', native: DEFAULT_NATIVE_IMPORT };

/** Per emitted function body: its scope, temporaries, and whether it awaited anything. */
interface Context {
  scope: Scope;
  temps: Temps;
  awaits: number;
  /** The body of an `async def`: its statements record their line when lines are tracked. */
  coroutine?: boolean;
  /** The temporary holding the exception of the innermost `except` handler (emit-exceptions.ts). */
  handled?: string;
  /** Handler names certainly bound here (emit-exceptions.ts). */
  boundNames?: Set<string>;
  /** The emitter as a dialect sees it, bound to this context: made on first use (exprEmitter). */
  dialectView?: ExprEmitter;
}

/** What makes a Task object reachable by the program (and so its repr, with its coroutine's line). */
const TASK_SOURCES = new Set(['create_task', 'current_task', 'all_tasks', 'TaskGroup', 'ensure_future', 'shield', 'wait', 'as_completed']);
/** Methods that make a Task (`loop.create_task`, `tg.create_task`). */
const TASK_METHODS = new Set(['create_task']);

/** Whether the program calls one of `funcs` of asyncio anywhere (for TASK_SOURCES, a `create_task` method counts too). */
function usesAsyncio(scan: ProgramScan, funcs: ReadonlySet<string>): boolean {
  if (funcs === TASK_SOURCES && scan.createTaskMethod) return true;
  for (const func of scan.asyncioFuncs) if (funcs.has(func)) return true;
  return false;
}

/** Static types whose str/repr can never show a task's line (a coroutine's repr has none). */
const LINELESS = new Set(['int', 'float', 'str', 'bool', 'none', 'range', 'coro', 'never']);

/**
 * Whether a task's repr, which shows its coroutine's line, can reach the program's output:
 * the program can get hold of a Task, and prints, `str()`s, `repr()`s, formats or `%`s a value
 * whose static type may hold one, or asks for the current task (`await asyncio.current_task()`
 * raises with its repr), or passes `create_task` something that may not be a coroutine (the
 * TypeError shows it). Only then does the emitter track lines: printing the program to learn
 * them costs as much as emitting it, and generated programs print ints and strings.
 */
function taskReprsReachOutput(program: Program, inference: Inference): boolean {
  if (!usesAsyncio(inference.scan, TASK_SOURCES)) return false;
  if (usesAsyncio(inference.scan, OBSERVING_SOURCES)) return true;
  const shows = (e: Expr, scope: Scope): boolean => e.kind === 'starred' || !LINELESS.has(inference.typeOf(e, scope).k);
  const visit = (node: unknown, scope: Scope): boolean => {
    if (Array.isArray(node)) return node.some((n) => visit(n, scope));
    if (node === null || typeof node !== 'object') return false;
    const e = node as Expr;
    switch (e.kind) {
      case 'builtin':
        if ((e.func === 'print' || e.func === 'str' || e.func === 'repr') && e.args.some((a) => shows(a, scope))) return true;
        break;
      case 'fstring':
        if (e.parts.some((part) => typeof part !== 'string' && shows(part.value, scope))) return true;
        break;
      case 'binOp':
        if (e.op === '%' && (e.right.kind === 'tuple' ? e.right.elts.some((x) => shows(x, scope)) : shows(e.right, scope))) return true;
        break;
      case 'asyncio':
        if (e.func === 'create_task' && e.args.length > 0 && shows(e.args[0], scope)) return true;
        break;
      case 'listComp':
        // Names bound by the comprehension are not in `scope`: any repr site inside counts.
        return /"kind":"fstring"|"func":"(print|str|repr|create_task)"|"op":"%"/.test(JSON.stringify(e));
    }
    for (const key in node) if (visit((node as Record<string, unknown>)[key], scope)) return true;
    return false;
  };
  for (const fn of inference.info.functions.values()) if (visit(fn.def.body, inference.scopeOf(fn))) return true;
  return visit(program.body, inference.moduleScope);
}

/** asyncio calls after which the loop may log a repr showing a line: a task's, a callback's (a loop to `call_soon` on). */
const LOGGING_SOURCES = new Set([...TASK_SOURCES, 'gather', 'get_running_loop', 'get_event_loop', 'new_event_loop']);

/**
 * Whether the default exception handler may write a repr with a line to stderr ("Task
 * exception was never retrieved" shows `coro=<bug() done, defined at prog.py:4>`, "Exception
 * in callback cb(1) at prog.py:2") in a program read from a file: `run` shows that stderr.
 * Generated programs are compared on their output only, so they skip the cost.
 */
function reprsReachStderr(program: Program, scan: ProgramScan): boolean {
  return program.header?.source !== undefined && usesAsyncio(scan, LOGGING_SOURCES);
}

/** Whether `e` makes a task and returns it: `asyncio.create_task(...)`, `asyncio.ensure_future(...)`, `obj.create_task(...)`. */
function makesTask(e: Expr): boolean {
  return (e.kind === 'asyncio' && (e.func === 'create_task' || e.func === 'ensure_future')) || (e.kind === 'method' && TASK_METHODS.has(e.method));
}

/** asyncio calls whose result's repr shows a line as soon as it is awaited or printed. */
const OBSERVING_SOURCES = new Set(['current_task', 'all_tasks']);

/** Whether evaluating `node` may suspend or compute a repr (a call, an await, an f-string, `%`). */
function mayObserve(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(mayObserve);
  if (node === null || typeof node !== 'object') return false;
  const kind = (node as { kind?: unknown }).kind;
  if (kind === 'call' || kind === 'builtin' || kind === 'asyncio' || kind === 'method' || kind === 'await' || kind === 'fstring' || kind === 'callValue' || kind === 'partial') return true;
  if (kind === 'binOp' && (node as { op: string }).op === '%') return true;
  for (const key in node) if (mayObserve((node as Record<string, unknown>)[key])) return true;
  return false;
}

/** The file name CPython shows for the program: the path it was read from, else the oracle's default. */
export function pythonFilename(program: Program): string {
  return program.header?.source ?? 'program.py';
}

const NO_KEYWORDS: Record<string, readonly string[]> = {
  len: [], range: [], str: [], repr: [], float: [], bool: [], abs: [], list: [], tuple: [], zip: [],
};

/** The module for `program`, its async parts written by `dialect` (the port's by default). */
/**
 * The comment compileForPort puts before each imported statement (`@py:12` in a block comment), its Python source
 * line: where a refusal at run time happened (transpile/source-position.ts reads it back).
 */
export const SOURCE_LINE_MARKER = /\/\*@py:(\d+)\*\//g;

export function emitProgram(program: Program, imports: ImportPaths, dialect: AsyncDialect = PORT_DIALECT, markSourceLines = false): string {
  return new ProgramEmitter(program, dialect, markSourceLines).emit(imports);
}

class ProgramEmitter {
  private readonly inference: Inference;
  /** Module-level constants holding non-literal defaults (`def f(xs=[])`): `f$xs`. */
  private readonly defaultConstants = new Map<string, string>();
  /** The module's own body (and def-time defaults): its temporaries are module globals. */
  private readonly moduleCtx: Context;

  /** The Python line of every statement and def, when the program can print a task (its coroutine's line). */
  private readonly lines: ReadonlyMap<Stmt | FunctionDef, number> | null;
  /** The line of the statement being emitted, when lines are tracked: a lambda's `co_firstlineno`. */
  private statementLine: number | undefined;

  /** Module functions the program reads as values: each gets a `py.func` object after its definition. */
  private readonly functionValues: Set<string>;

  /** The profile's names and types (`tsName`/`tsType` for the port). */
  private readonly name: (pythonName: string) => string;
  private readonly type: (t: SType) => string;
  /** `catch` bindings, and the emitter as emit-exceptions.ts sees it. */
  private readonly catchNames = new CatchNames();
  private readonly exceptions: ExceptionEmitter<Context> = {
    expr: (e, ctx) => this.expr(e, ctx),
    condition: (e, ctx) => this.condition(e, ctx),
    body: (w, body, ctx) => this.emitBody(w, body, ctx),
    nameRef: (id, ctx) => this.nameRef(id, ctx),
  };
  /** The program's module-level generator functions (their calls make generators). */
  private readonly generatorFunctions: ReadonlySet<string>;
  /** The emitter as emit-with.ts sees it. */
  private readonly withs: WithEmitter<Context> = {
    expr: (e, ctx) => this.expr(e, ctx),
    awaitCode: (value, ctx) => this.awaitExpr(value, ctx).code,
    store: (w, target, code, ctx) => this.emitStore(w, target, code, ctx),
    body: (w, body, ctx) => this.emitBody(w, body, ctx),
  };
  /** PEP 479: a program that names StopIteration gets it turned into RuntimeError at each coroutine's edge. */
  private readonly stopIteration: boolean;
  /** Names bound by `except ... as name`: unbound again after the handler, so reads are checked. */
  private readonly handlerNames: ReadonlySet<string>;
  /** The class of each method emitted so far (`super()` names it). */
  private readonly methodOwners = new Map<FunctionDef, ClassDef>();

  constructor(
    private readonly program: Program,
    private readonly dialect: AsyncDialect,
    /** Whether each statement with a source line gets its SOURCE_LINE_MARKER comment. */
    private readonly markSourceLines = false,
  ) {
    this.name = dialect.name;
    this.type = dialect.tsType;
    this.inference = new Inference(program);
    this.functionValues = functionsUsedAsValues(program, this.inference.scan);
    this.moduleCtx = { scope: this.inference.moduleScope, temps: new Temps(), awaits: 0 };
    this.lines = dialect.lineMarker && (taskReprsReachOutput(program, this.inference) || reprsReachStderr(program, this.inference.scan)) ? printPythonWithLines(program).lines : null;
    this.stopIteration = this.inference.scan.namesStopIteration;
    this.generatorFunctions = new Set(program.functions.filter(isGenerator).map((f) => f.name));
    this.handlerNames = handlerNames(program);
  }

  emit(imports: ImportPaths): string {
    const w = new LineWriter();
    if (this.program.header) for (const line of headerLines(this.program.header, '//')) w.writeLine(line);
    for (const line of this.dialect.importLines(imports)) {
      if (line === '') w.blankLine();
      else w.writeLine(line);
    }
    w.blankLine();

    const moduleCtx = this.moduleCtx;
    const body = this.writer();
    for (const def of this.program.functions) this.emitFunction(body, def);
    // Python runs the module-level statements as it reads the file, `asyncio.run` blocking.
    // Here they run in an async function whose promise is the module's default export: no
    // top-level await, so the file runs as ESM or CommonJS alike, and whoever loads it (a
    // harness, `npx tsx`) can tell when the program is done.
    body.writeLine(MODULE_DONE_COMMENT);
    body.write('export default (async (): Promise<void> => ').inlineBlock(() => this.emitBlock(body, this.program.body, moduleCtx));
    body.write(')();').newLine();

    for (const name of this.inference.info.globals) {
      w.writeLine(`let ${this.name(name)}!: ${this.type(this.inference.varType('', name))};`);
    }
    for (const t of moduleCtx.temps.declared) w.writeLine(`let ${t.name}: ${t.type};`);
    if (this.inference.info.globals.length + moduleCtx.temps.declared.length > 0) w.blankLine();
    w.write(body.toString());
    return w.toString();
  }

  private writer(): LineWriter {
    return new LineWriter();
  }

  // -------------------------------------------------------------------------- functions

  private emitFunction(w: LineWriter, def: FunctionDef): void {
    const fn = this.inference.info.functions.get(def.name)!;
    const name = this.name(def.name);
    const moduleCtx = this.moduleCtx;
    // Defaults are evaluated once, at def time, in the module: constants unless literal.
    for (const p of [...def.params, ...(def.kwonly ?? [])]) {
      if (p.default && !isLiteral(p.default)) {
        const constant = `${name}$${p.name}`;
        const value = this.expr(p.default, moduleCtx);
        w.writeLine(`const ${constant}: ${this.type(this.inference.varType(def.name, p.name))} = ${value.code};`);
        this.defaultConstants.set(`${def.name}\0${p.name}`, constant);
      }
    }
    const params = parameterNames(def).map((p) => `${this.name(p)}: ${this.type(this.inference.varType(def.name, p))}`).join(', ');
    const result = this.type(this.inference.returnType(def.name));
    const generator = isGenerator(def);
    const ctx: Context = { scope: this.inference.scopeOf(fn), temps: new Temps(), awaits: 0, coroutine: def.isAsync && !generator };
    let body = this.functionBody(fn, ctx);
    if (generator) w.write(generatorFunctionText(def.name, def.isAsync, `function ${name}(${params}): ${this.type(T.any)}`, body, this.dialect.awaitableFactory, def.decorator));
    else if (def.isAsync && this.stopIteration) body = `try {\n${body}} catch ($stop) {\nthrow py.coroutineStopIteration($stop);\n}\n`;
    if (generator) {
      // written above
    } else if (def.isAsync) {
      const line = this.lines?.get(def);
      const code = line === undefined ? undefined : `{ co_filename: ${tsString(pythonFilename(this.program))}, co_firstlineno: ${line} }`;
      this.dialect.writeAsyncDef(w, { name, pythonName: def.name, params, result, body, code });
    } else {
      const head = fn.jsAsync ? `async function ${name}(${params}): Promise<${result}>` : `function ${name}(${params}): ${result}`;
      w.write(`${head} `).block(() => w.write(body));
    }
    if (this.functionValues.has(def.name)) {
      if (fn.jsAsync) throw new Error(`unsupported: the function ${def.name} reaches asyncio.run and is used as a value`);
      const sig = signatureCode(def, (p, k, kwonly) => (kwonly ? this.defaultValueOf(def, p.name, p.default!) : this.defaultValue(def, k, moduleCtx)));
      w.writeLine(`const ${functionValueName(name)} = py.func(${tsString(def.name)}, ${tsString(def.name)}, ${sig}, ${name}${this.codeArgument(def)});`);
    }
    w.blankLine();
  }

  private functionBody(fn: FunctionInfo, ctx: Context): string {
    let inner = this.writer();
    this.emitBlock(inner, fn.def.body, ctx);
    if (!terminates(fn.def.body)) inner.writeLine('return null;');
    const dropped = isGenerator(fn.def) ? [] : droppedLocals(fn.def, this.generatorFunctions, fn.locals);
    if (dropped.length > 0) {
      // Generators only these locals held go with the frame (CPython's refcounting).
      const body = inner.toString();
      inner = this.writer();
      inner.write('try ').inlineBlock(() => inner.write(body));
      inner.write(' finally ').block(() => inner.writeLine(`py.dropped(${dropped.map((n) => this.name(n)).join(', ')});`));
    }
    const head = this.writer();
    const params = new Set(parameterNames(fn.def));
    for (const local of fn.locals) {
      const type = fn.enclosing ? T.any : this.inference.varType(fn.def.name, local);
      if (!params.has(local)) head.writeLine(`let ${this.name(local)}!: ${this.type(type)};`);
    }
    for (const t of ctx.temps.declared) head.writeLine(`let ${t.name}: ${t.type};`);
    if (fn.def.isAsync || !this.dialect.pythonFrames || isGenerator(fn.def)) return head.toString() + inner.toString();
    // A `def`'s frame counts against CPython's recursion limit (a coroutine's is counted by aw()).
    head.writeLine('py.enter();');
    head.write('try ').inlineBlock(() => head.write(inner.toString()));
    head.write(' finally ').block(() => head.writeLine('py.leave();'));
    return head.toString();
  }

  /** `asyncio.at_line(n);` before a statement of a coroutine that may suspend or print, when lines are tracked. */
  private lineMarker(w: LineWriter, s: Stmt, ctx: Context, header: unknown): void {
    const line = this.lines !== null && ctx.coroutine ? this.lines.get(s) : undefined;
    if (line !== undefined && mayObserve(header)) w.writeLine(`${this.dialect.lineMarker!(line)};`);
  }

  /** `test` evaluated at `s`'s line (a `while` test runs again after the body moved the line; an `elif`'s has its own). */
  private conditionAt(s: Stmt, test: Expr, ctx: Context): string {
    const code = this.condition(test, ctx);
    const line = this.lines !== null && ctx.coroutine ? this.lines.get(s) : undefined;
    if (line === undefined || !mayObserve(test)) return code;
    return `(${this.dialect.lineMarker!(line)}, ${code})`;
  }

  // -------------------------------------------------------------------------- statements

  private emitBlock(w: LineWriter, body: Stmt[], ctx: Context): void {
    for (const s of body) this.emitStmt(w, s, ctx);
  }

  private emitBody(w: LineWriter, body: Stmt[], ctx: Context): void {
    if (body.every((s) => s.kind === 'pass')) w.writeLine('// pass');
    else this.emitBlock(w, body, ctx);
  }

  private emitStmt(w: LineWriter, s: Stmt, ctx: Context): void {
    if (this.markSourceLines && s.line !== undefined) w.write(`/*@py:${s.line}*/`);
    if (this.lines !== null) this.statementLine = this.lines.get(s);
    if (s.kind !== 'while' && s.kind !== 'if') this.lineMarker(w, s, ctx, s.kind === 'for' ? s.iter : s);
    switch (s.kind) {
      case 'expr': {
        const code = this.expr(s.expr, ctx).code;
        w.writeLine(`${makesTask(s.expr) && this.dialect.discardedTask ? this.dialect.discardedTask(code) : code};`);
        return;
      }
      case 'assign':
        this.emitAssign(w, s.target, s.value, ctx);
        return;
      case 'augAssign':
        this.emitAugAssign(w, s.target, s.op, s.value, ctx);
        return;
      case 'return':
        w.writeLine(`return ${s.value ? this.expr(s.value, ctx).code : 'null'};`);
        return;
      case 'if': {
        this.lineMarker(w, s, ctx, s.test);
        w.write(`if (${this.condition(s.test, ctx)}) `).inlineBlock(() => this.emitBody(w, s.body, ctx));
        let orelse = s.orelse;
        // `elif`: an `if` alone in the else branch.
        while (orelse.length === 1 && orelse[0].kind === 'if') {
          const elif = orelse[0];
          w.write(` else if (${this.conditionAt(elif, elif.test, ctx)}) `).inlineBlock(() => this.emitBody(w, elif.body, ctx));
          orelse = elif.orelse;
        }
        if (orelse.length > 0) w.write(' else ').inlineBlock(() => this.emitBody(w, orelse, ctx));
        w.newLine();
        return;
      }
      case 'while': {
        const test = isAlwaysTrue(s.test) ? 'true' : this.conditionAt(s, s.test, ctx);
        w.write(`while (${test}) `).block(() => this.emitBody(w, s.body, ctx));
        return;
      }
      case 'for':
        this.emitFor(w, s.target, s.iter, s.body, ctx, s.isAsync === true);
        return;
      case 'break':
      case 'continue':
        w.writeLine(`${s.kind};`);
        return;
      case 'pass':
        return;
      case 'def':
        // A def binds its name, like an assignment: a new function object each time it runs.
        w.writeLine(`${this.nameRef(s.def.name, ctx)} = ${this.functionValue(s.def, ctx)};`);
        return;
      case 'global':
      case 'nonlocal':
        // Scoping only: the name already refers to the module's (or the enclosing function's) variable.
        w.writeLine(`// ${s.kind} ${s.names.join(', ')}`);
        return;
      case 'delete':
        for (const t of s.targets) {
          if (t.kind === 'attr') {
            w.writeLine(`py.delattr(${this.expr(t.object, ctx).code}, ${tsString(t.name)});`);
            continue;
          }
          if (t.kind !== 'subscript') throw new Error('del of a target that is not a subscript');
          w.writeLine(`py.delitem(${this.expr(t.value, ctx).code}, ${this.expr(t.index, ctx).code});`);
        }
        return;
      case 'try':
        emitTry(w, s, ctx, this.exceptions, this.catchNames);
        return;
      case 'raise':
        emitRaise(w, s, ctx, this.exceptions);
        return;
      case 'assert':
        emitAssert(w, s, ctx, this.exceptions);
        return;
      case 'class':
        emitClass(w, s.def, ctx, { expr: (e, c) => this.expr(e, c), functionValue: (d, c) => this.functionValue(d, c), nameRef: (id, c) => this.nameRef(id, c) }, this.methodOwners);
        return;
      case 'with':
        emitWith(w, s, ctx, this.withs, this.catchNames);
        return;
    }
  }

  /** `target = value`. A name gets a plain assignment; tuples unpack with CPython's checks. */
  private emitAssign(w: LineWriter, target: Target, value: Expr, ctx: Context): void {
    if (target.kind === 'name') {
      w.writeLine(`${this.nameRef(target.id, ctx)} = ${this.expr(value, ctx).code};`);
      return;
    }
    if (target.kind === 'subscript') {
      // Python evaluates the value first, then the container and the index.
      const v = this.expr(value, ctx);
      if (isPure(value)) {
        w.writeLine(`py.setitem(${this.expr(target.value, ctx).code}, ${this.expr(target.index, ctx).code}, ${v.code});`);
      } else {
        const tmp = ctx.temps.fresh(this.type(v.type));
        w.writeLine(`${tmp} = ${v.code};`);
        w.writeLine(`py.setitem(${this.expr(target.value, ctx).code}, ${this.expr(target.index, ctx).code}, ${tmp});`);
      }
      return;
    }
    if (target.kind === 'starred') throw new Error('a starred target outside a tuple');
    if (target.kind === 'attr') {
      // Python evaluates the value first, then the object.
      const v = this.expr(value, ctx);
      if (isPure(value)) w.writeLine(`py.setattr(${this.expr(target.object, ctx).code}, ${tsString(target.name)}, ${v.code});`);
      else {
        const tmp = ctx.temps.fresh(this.type(v.type));
        w.writeLine(`${tmp} = ${v.code};`);
        w.writeLine(`py.setattr(${this.expr(target.object, ctx).code}, ${tsString(target.name)}, ${tmp});`);
      }
      return;
    }
    const names = target.elts.every((t) => t.kind === 'name');
    const literal = (value.kind === 'tuple' || value.kind === 'list') && value.elts.length === target.elts.length && !value.elts.some((x) => x.kind === 'starred');
    if (names && literal) {
      // `a, b = b, a`: the right side is built first, as in Python.
      const elts = (value as { elts: Expr[] }).elts.map((x) => this.expr(x, ctx).code);
      w.writeLine(`[${target.elts.map((t) => this.targetRef(t, ctx)).join(', ')}] = [${elts.join(', ')}];`);
      return;
    }
    this.emitUnpack(w, target, this.expr(value, ctx).code, ctx);
  }

  /** Unpack `source` (code) into a tuple target. */
  private emitUnpack(w: LineWriter, target: Extract<Target, { kind: 'tuple' }>, source: string, ctx: Context): void {
    const star = target.elts.findIndex((t) => t.kind === 'starred');
    if (star >= 0) {
      // `a, *rest, z = v`: the starred target gets a list of what the others leave.
      const tmp = ctx.temps.fresh('PyValue[]');
      w.writeLine(`${tmp} = py.unpackStar(${source}, ${star}, ${target.elts.length - star - 1});`);
      target.elts.forEach((t, k) => this.emitStore(w, t.kind === 'starred' ? t.target : t, `${tmp}[${k}]`, ctx));
      return;
    }
    const unpack = `py.unpack(${source}, ${target.elts.length})`;
    if (target.elts.every((t) => t.kind === 'name')) {
      w.writeLine(`[${target.elts.map((t) => this.targetRef(t, ctx)).join(', ')}] = ${unpack};`);
      return;
    }
    const tmp = ctx.temps.fresh('PyValue[]');
    w.writeLine(`${tmp} = ${unpack};`);
    target.elts.forEach((t, k) => this.emitStore(w, t, `${tmp}[${k}]`, ctx));
  }

  /** Store already-evaluated `code` into any target. */
  private emitStore(w: LineWriter, target: Target, code: string, ctx: Context): void {
    if (target.kind === 'name') w.writeLine(`${this.nameRef(target.id, ctx)} = ${code};`);
    else if (target.kind === 'subscript') {
      w.writeLine(`py.setitem(${this.expr(target.value, ctx).code}, ${this.expr(target.index, ctx).code}, ${code});`);
    } else if (target.kind === 'starred') this.emitStore(w, target.target, code, ctx);
    else if (target.kind === 'attr') w.writeLine(`py.setattr(${this.expr(target.object, ctx).code}, ${tsString(target.name)}, ${code});`);
    else this.emitUnpack(w, target, code, ctx);
  }

  private targetRef(t: Target, ctx: Context): string {
    if (t.kind !== 'name') throw new Error('targetRef: a name target was expected');
    return this.nameRef(t.id, ctx);
  }

  private emitAugAssign(w: LineWriter, target: Target, op: string, value: Expr, ctx: Context): void {
    if (target.kind === 'name') {
      const ref = this.nameRef(target.id, ctx);
      const current = out(ref, this.typeOfName(target.id, ctx));
      const r = this.binOp(op, current, this.expr(value, ctx), value, true);
      const native = r.code.startsWith(`${ref} ${op} `) && (op === '+' || op === '-' || op === '*');
      w.writeLine(native ? `${ref} ${op}= ${r.code.slice(ref.length + op.length + 2)};` : `${ref} = ${r.code};`);
      return;
    }
    if (target.kind === 'subscript') {
      // `xs[i] += v`: container and index are evaluated once.
      const obj = ctx.temps.fresh('PyValue');
      const index = ctx.temps.fresh('PyValue');
      w.writeLine(`${obj} = ${this.expr(target.value, ctx).code};`);
      w.writeLine(`${index} = ${this.expr(target.index, ctx).code};`);
      const r = this.binOp(op, out(`py.getitem(${obj}, ${index})`, T.any), this.expr(value, ctx), value, true);
      w.writeLine(`py.setitem(${obj}, ${index}, ${r.code});`);
      return;
    }
    if (target.kind === 'attr') {
      // `obj.x += v`: the object is evaluated once.
      const obj = ctx.temps.fresh('PyValue');
      w.writeLine(`${obj} = ${this.expr(target.object, ctx).code};`);
      const r = this.binOp(op, out(`py.getattr(${obj}, ${tsString(target.name)})`, T.any), this.expr(value, ctx), value, true);
      w.writeLine(`py.setattr(${obj}, ${tsString(target.name)}, ${r.code});`);
      return;
    }
    throw new Error('augmented assignment to a tuple target');
  }

  private emitFor(w: LineWriter, target: Target, iter: Expr, body: Stmt[], ctx: Context, isAsync = false): void {
    // A call's result (of a module function or of a nested def's value) is a temporary only the loop holds.
    const temporary = iter.kind === 'call' || iter.kind === 'callValue';
    const source = isAsync ? `py.${temporary ? 'aiterClosing' : 'aiter'}(${this.expr(iter, ctx).code}${this.aiterAwait()})` : temporary || iter.kind === 'genExp' ? this.temporaryIterable(iter, ctx) : this.iterable(iter, ctx);
    const loop = isAsync ? 'for await' : 'for';
    if (isAsync) ctx.awaits++;
    if (target.kind === 'name') {
      w.write(`${loop} (${this.nameRef(target.id, ctx)} of ${source}) `).block(() => this.emitBody(w, body, ctx));
      return;
    }
    const item = ctx.temps.fresh('PyValue');
    w.write(`${loop} (${item} of ${source}) `).block(() => {
      this.emitStore(w, target, item, ctx);
      this.emitBody(w, body, ctx);
    });
  }

  /** `for x in gen():` — a temporary generator is closed when the loop ends early (CPython drops its last reference there). */
  private temporaryIterable(e: Expr, ctx: Context): string {
    const r = this.expr(e, ctx);
    if (r.type.k === 'str' || r.type.k === 'list' || r.type.k === 'range') return r.code;
    return `py.closingIter(${r.code})`;
  }

  /** Code for `for ... in e`: strings, lists and ranges iterate natively, the rest via py.iter. */
  private iterable(e: Expr, ctx: Context): string {
    if (e.kind === 'set') return `py.iter(${this.setDisplay(e.elts, true, ctx)})`;
    const r = this.expr(e, ctx);
    if (r.type.k === 'str' || r.type.k === 'list' || r.type.k === 'range') return r.code;
    return `py.iter(${r.code})`;
  }

  private condition(e: Expr, ctx: Context): string {
    const r = this.expr(e, ctx);
    return r.type.k === 'bool' ? r.code : `py.truthy(${r.code})`;
  }

  // -------------------------------------------------------------------------- names

  private typeOfName(id: string, ctx: Context): SType {
    const r = this.inference.resolve(ctx.scope, id);
    return 'type' in r ? r.type : T.any;
  }

  /** A read of a name an `except ... as` binds: CPython's UnboundLocalError/NameError when the handler ended. */
  private boundName(id: string, ctx: Context): Out {
    const r = this.inference.resolve(ctx.scope, id);
    const ref = this.nameRef(id, ctx);
    if ((r.kind !== 'local' && r.kind !== 'global') || ctx.boundNames?.has(id)) return out(ref, this.typeOfName(id, ctx));
    return out(`py.bound(${ref}, ${tsString(id)}, ${r.kind === 'local'})`, r.type, P.call);
  }

  private nameRef(id: string, ctx: Context): string {
    const r = this.inference.resolve(ctx.scope, id);
    if (r.kind === 'undefined') return `py.nameError(${tsString(id)})`;
    return this.name(id);
  }

  // -------------------------------------------------------------------------- expressions

  expr(e: Expr, ctx: Context): Out {
    switch (e.kind) {
      case 'int':
        return out(`${BigInt(e.value)}n`, T.int, e.value < 0 ? P.unary : P.atom);
      case 'float':
        return floatLiteral(e.value);
      case 'str':
        return out(tsString(e.value), T.str);
      case 'bool':
        return out(String(e.value), T.bool);
      case 'none':
        return out('null', T.none);
      case 'name':
        if (this.handlerNames.has(e.id)) return this.boundName(e.id, ctx);
        if (this.inference.resolve(ctx.scope, e.id).kind === 'function') return out(functionValueName(this.name(e.id)), T.any);
        return out(this.nameRef(e.id, ctx), this.typeOfName(e.id, ctx));
      case 'list':
        return out(`[${this.elements(e.elts, ctx)}]`, T.list);
      case 'tuple':
        return out(`py.tup(${this.elements(e.elts, ctx)})`, T.tuple, P.call);
      case 'binOp':
        return this.binOp(e.op, this.expr(e.left, ctx), this.expr(e.right, ctx), e.right, false);
      case 'unaryOp':
        return this.unaryOp(e.op, this.expr(e.operand, ctx));
      case 'boolOp':
        return this.boolOp(e.op, e.values, ctx);
      case 'compare':
        return this.compare(e.left, e.ops, e.comparators, ctx);
      case 'ifExp': {
        const test = this.condition(e.test, ctx);
        const body = this.expr(e.body, ctx);
        const orelse = this.expr(e.orelse, ctx);
        return out(`${test} ? ${operand(body, P.cond + 1)} : ${operand(orelse, P.cond)}`, join(body.type, orelse.type), P.cond);
      }
      case 'subscript': {
        const value = this.expr(e.value, ctx);
        const index = this.expr(e.index, ctx);
        const call = `py.getitem(${value.code}, ${index.code})`;
        return value.type.k === 'str' ? out(`${call} as string`, T.str, P.rel) : out(call, T.any, P.call);
      }
      case 'listComp':
        return this.listComp(e.elt, e.generators, ctx);
      case 'fstring':
        return this.fstring(e.parts, ctx);
      case 'await':
        // `await anext(agen(...))`: the generator dies with the awaitable (runtime/generators.ts anextOfTemporary).
        if (this.isAnextOfTemporary(e.value)) return this.awaitExpr(this.builtinCall('anext', e.value.args, e.value.keywords, ctx, 'py.anextOfTemporary'), ctx);
        return this.awaitExpr(this.expr(e.value, ctx), ctx);
      case 'starred':
        throw new Error('a starred expression outside a call or a display');
      case 'call':
        return this.userCall(e.func, e.args, e.keywords, ctx);
      case 'builtin':
        return this.builtinCall(e.func, e.args, e.keywords, ctx);
      case 'asyncio':
        return this.asyncioCall(e.func, e.args, e.keywords, ctx);
      case 'method':
        return this.methodCall(e.object, e.method, e.args, e.keywords, ctx);
      case 'lambda':
        return out(this.functionValue(e.def, ctx, this.statementLine), T.any, P.call);
      case 'callValue':
        return this.callValue(e.func, e.args, e.keywords, ctx);
      case 'partial':
        return this.callValue(e.func, e.args, e.keywords, ctx, 'py.partial');
      case 'dict':
        return out(`py.dictDisplay(${e.keys.flatMap((k, i) => [this.expr(k, ctx).code, this.expr(e.values[i], ctx).code]).join(', ')})`, T.any, P.call);
      case 'set':
        return out(this.setDisplay(e.elts, false, ctx), T.any, P.call);
      case 'setComp':
        return this.listComp(e.elt, e.generators, ctx, 'set');
      case 'dictComp':
        return this.listComp(e.value, e.generators, ctx, 'dict', e.key);
      case 'slice': {
        const part = (x: Expr | undefined): string => (x === undefined ? 'null' : this.expr(x, ctx).code);
        return out(`py.slice(${part(e.lower)}, ${part(e.upper)}, ${part(e.step)})`, T.any, P.call);
      }
      case 'namedExpr':
        return out(`(${this.nameRef(e.target, ctx)} = ${this.expr(e.value, ctx).code})`, this.typeOfName(e.target, ctx));
      case 'excClass':
      case 'excCall':
      case 'isinstance':
      case 'typeName':
      case 'excAttr':
        return exceptionExpr(e, ctx, this.exceptions, (args, c) => this.elements(args, c));
      case 'builtinValue':
        return out(`py.builtinValue(${tsString(e.name)})`, T.any, P.call);
      case 'stdlib':
      case 'stdlibConst':
        return emitStdlib(e, e.kind === 'stdlib' ? e.args.map((a) => this.expr(a, ctx).code) : [], e.kind === 'stdlib' ? e.keywords.map((k) => [k.name, this.expr(k.value, ctx).code]) : []);
      case 'attr':
        return out(`py.getattr(${this.expr(e.object, ctx).code}, ${tsString(e.name)})`, T.any, P.call);
      case 'super':
        return out(superCode(ctx.scope.fn?.def, this.methodOwners, (id) => this.nameRef(id, ctx), this.name), T.any, P.call);
      case 'genExp':
        return this.listComp(e.elt, e.generators, ctx, 'gen');
      case 'yield':
        return out(`(yield ${e.value ? this.expr(e.value, ctx).code : 'null'})`, T.any);
      case 'yieldFrom':
        return out(`(yield* py.yieldFrom(${this.expr(e.value, ctx).code}))`, T.any);
    }
  }

  /**
   * A nested def or a lambda as a value: `py.func(name, qualname, signature, body)`. The
   * defaults are evaluated here, when the def runs; the body is a JS closure, so it sees the
   * enclosing variables themselves (CPython's cells: late binding).
   */
  private functionValue(def: FunctionDef, ctx: Context, lambdaLine?: number): string {
    const fn = this.inference.nestedInfo(def, ctx.scope);
    const sig = signatureCode(def, (p) => this.expr(p.default!, ctx).code);
    const any = this.type(T.any);
    const params = parameterNames(def).map((n) => `${this.name(n)}: ${any}`).join(', ');
    const inner: Context = { scope: this.inference.scopeOf(fn), temps: new Temps(), awaits: 0, coroutine: def.isAsync && !isGenerator(def) };
    const body = this.functionBody(fn, inner);
    const qualname = fn.qualname ?? def.name;
    let impl: string;
    if (isGenerator(def)) {
      impl = generatorFunctionText(qualname, def.isAsync, `(${params}): ${any} =>`, body, this.dialect.awaitableFactory).trimEnd();
    } else if (!def.isAsync) {
      if (fn.jsAsync || inner.awaits > 0) throw new Error(`unsupported: the nested function ${qualname} reaches asyncio.run`);
      impl = `(${params}): ${any} => {\n${body}}`;
    } else if (this.dialect.profile === 'port') {
      const line = this.lines?.get(def);
      const code = line === undefined ? '' : `, { co_filename: ${tsString(pythonFilename(this.program))}, co_firstlineno: ${line} }`;
      impl = `asyncio.coroutine(${tsString(qualname)}, async (${params}): Promise<${any}> => {\n${body}}${code})`;
    } else impl = this.dialect.nestedAsync?.(params, any, body) ?? `async (${params}): Promise<${any}> => {\n${body}}`;
    return `py.func(${tsString(def.name)}, ${tsString(qualname)}, ${sig}, ${impl}${this.codeArgument(def, lambdaLine)})`;
  }

  /** `, { co_filename, co_firstlineno }` for `py.func` when lines are tracked (a lambda's is its statement's line), else nothing. */
  private codeArgument(def: FunctionDef, lambdaLine?: number): string {
    const line = this.lines?.get(def) ?? lambdaLine;
    return line === undefined ? '' : `, { co_filename: ${tsString(pythonFilename(this.program))}, co_firstlineno: ${line} }`;
  }

  /** A call of any value (`f(x)` for a variable `f`, `callbacks[0](x)`): the runtime binds the arguments. */
  private callValue(func: Expr, args: Expr[], keywords: Keyword[], ctx: Context, runtime = 'py.call'): Out {
    const method = func.kind === 'attr' && runtime === 'py.call';
    // `obj.m(...)`: the method is called without making a bound method (runtime/classes.ts callAttr).
    const callee = method ? `${this.expr(func.object, ctx).code}, ${tsString(func.name)}` : this.expr(func, ctx).code;
    if (method) runtime = 'py.callAttr';
    const positional = this.elements(args, ctx);
    const kw = keywords.length === 0 ? '' : `, ${keywordsCode(keywords, (e) => this.expr(e, ctx).code)}`;
    return out(`${runtime}(${callee}, [${positional}]${kw})`, T.any, P.call);
  }

  /** `{a, b, *c}` built as CPython 3.11 compiles it (emit-containers.ts). */
  private setDisplay(elts: Expr[], iterated: boolean, ctx: Context): string {
    const starred = elts.flatMap((x, k) => (x.kind === 'starred' ? [k] : []));
    const items = elts.map((x) => this.expr(x.kind === 'starred' ? x.value : x, ctx).code).join(', ');
    const mode = setDisplayMode(elts, iterated);
    const rebuilds = mode === 'build' ? '' : `, [], ${frozensetRebuilds(elts)}`;
    return `py.setDisplay(${tsString(mode)}, [${items}]${starred.length > 0 ? `, [${starred.join(', ')}]` : rebuilds})`;
  }

  /** Elements of a list/tuple display or positional arguments; `*xs` spreads. */
  private elements(elts: Expr[], ctx: Context): string {
    return elts.map((x) => (x.kind === 'starred' ? `...py.iter(${this.expr(x.value, ctx).code})` : this.expr(x, ctx).code)).join(', ');
  }

  private binOp(op: string, a: Out, b: Out, right: Expr, inPlace: boolean): Out {
    const both = (k: string) => a.type.k === k && b.type.k === k;
    const nativeNumeric = both('int') || both('float');
    if ((op === '+' || op === '-' || op === '*') && nativeNumeric) {
      const prec = op === '*' ? P.mul : P.add;
      return out(`${operand(a, prec)} ${op} ${operand(b, prec + 1)}`, a.type, prec);
    }
    if (op === '+' && both('str')) return out(`${operand(a, P.add)} + ${operand(b, P.add + 1)}`, T.str, P.add);
    const fn = inPlace && IN_PLACE_OPS[op] ? IN_PLACE_OPS[op] : OPS[op];
    return typed(`py.${fn}(${a.code}, ${b.code})`, binOpType(op, a.type, b.type, right));
  }

  private unaryOp(op: string, a: Out): Out {
    if (op === 'not') return out(a.type.k === 'bool' ? `!${operand(a, P.unary)}` : `py.not(${a.code})`, T.bool, a.type.k === 'bool' ? P.unary : P.call);
    if (op === '-' && (a.type.k === 'int' || a.type.k === 'float')) return out(`-${operand(a, P.unary + 1)}`, a.type, P.unary);
    const type = a.type.k === 'bool' ? T.int : a.type.k === 'int' || a.type.k === 'float' ? a.type : T.any;
    return typed(`py.${op === '-' ? 'neg' : 'pos'}(${a.code})`, type);
  }

  /** `a and b`, `a or b`: an operand comes back, not a bool; short-circuit as Python does. */
  private boolOp(op: 'and' | 'or', values: Expr[], ctx: Context): Out {
    const parts = values.map((v) => this.expr(v, ctx));
    const type = parts.map((p) => p.type).reduce(join, T.never);
    if (parts.every((p) => p.type.k === 'bool')) {
      const prec = op === 'and' ? P.and : P.or;
      return out(parts.map((p) => operand(p, prec + 1)).join(op === 'and' ? ' && ' : ' || '), T.bool, prec);
    }
    // Right to left: a and b and c  ->  truthy($1 = a) ? (truthy($2 = b) ? c : $2) : $1
    let acc = parts[parts.length - 1];
    for (let k = parts.length - 2; k >= 0; k--) {
      const tmp = ctx.temps.fresh(this.type(type));
      const test = `py.truthy(${tmp} = ${parts[k].code})`;
      const code = op === 'and' ? `${test} ? ${operand(acc, P.cond + 1)} : ${tmp}` : `${test} ? ${tmp} : ${operand(acc, P.cond)}`;
      acc = out(code, type, P.cond);
    }
    return acc;
  }

  private compare(left: Expr, ops: CmpOpName[], comparators: Expr[], ctx: Context): Out {
    let a = this.expr(left, ctx);
    const tests: string[] = [];
    ops.forEach((op, k) => {
      let b = this.expr(comparators[k], ctx);
      if (k < ops.length - 1 && !isPure(comparators[k])) {
        // A middle operand is evaluated once, then compared on both sides.
        const tmp = ctx.temps.fresh(this.type(b.type));
        tests.push(compareOp(op, a, out(`(${tmp} = ${b.code})`, b.type)).code);
        b = out(tmp, b.type);
      } else tests.push(compareOp(op, a, b).code);
      a = b;
    });
    if (tests.length === 1) return compareOp(ops[0], this.expr(left, ctx), this.expr(comparators[0], ctx));
    return out(tests.map((t) => `(${t})`).join(' && '), T.bool, P.and);
  }

  /** A list comprehension, or (`collect`) a set or dict comprehension (`key` its key). */
  private listComp(elt: Expr, generators: Comprehension[], ctx: Context, collect: 'list' | 'set' | 'dict' | 'gen' = 'list', key?: Expr): Out {
    const scope = this.inference.comprehensionScope({ kind: 'listComp', elt, generators }, ctx.scope);
    const inner: Context = { scope: ctx.scope, temps: new Temps(), awaits: 0 };
    const w = this.writer();
    const late = this.inference.scan.lambda && (containsLambda(elt) || containsLambda(generators));
    const resultType = collect === 'list' ? 'PyValue[]' : 'PyValue';
    // A generator expression yields each element; its first iterable is evaluated outside (below).
    const genExp = collect === 'gen';
    const firstSource = genExp ? this.iterable(generators[0].iter, ctx) : '';
    const result = genExp ? '' : inner.temps.fresh(collect === 'list' ? 'PyValue[]' : collect === 'set' ? 'ReturnType<typeof py.emptySet>' : 'ReturnType<typeof py.dict>');
    if (!genExp) w.writeLine(`${result} = ${collect === 'list' ? '[]' : collect === 'set' ? 'py.emptySet()' : 'py.dict()'};`);
    // Each generator's own scope: its target is bound for what follows it.
    const emitLevel = (level: number, levelScope: Scope): void => {
      if (level === generators.length) {
        inner.scope = scope;
        if (genExp) w.writeLine(`yield ${this.expr(elt, inner).code};`);
        else if (collect === 'list') w.writeLine(`${result}.push(${this.expr(elt, inner).code});`);
        else if (collect === 'set') w.writeLine(`py.setAdd(${result}, ${this.expr(elt, inner).code});`);
        else w.writeLine(`py.setitem(${result}, ${this.expr(key!, inner).code}, ${this.expr(elt, inner).code});`);
        return;
      }
      const gen = generators[level];
      inner.scope = levelScope;
      const source = level === 0 && collect === 'gen' ? '$source' : gen.isAsync ? `py.aiter(${this.expr(gen.iter, inner).code}${this.aiterAwait()})` : this.iterable(gen.iter, inner);
      if (gen.isAsync) inner.awaits++;
      const next: Scope = { fn: ctx.scope.fn, comprehensions: scope.comprehensions.slice(generators.length - level - 1) };
      inner.scope = next;
      const item = gen.target.kind === 'name' ? this.name(gen.target.id) : inner.temps.fresh('PyValue');
      // A lambda in the comprehension sees the variable itself, not one binding per iteration (late binding).
      w.write(`for ${gen.isAsync ? 'await ' : ''}(${late && gen.target.kind === 'name' ? '' : 'const '}${item} of ${source}) `).block(() => {
        if (gen.target.kind !== 'name') this.emitComprehensionTarget(w, gen.target, item, inner);
        const conds = gen.ifs.map((c) => this.condition(c, inner));
        if (conds.length > 0) w.write(`if (${conds.map((c) => `(${c})`).join(' && ')}) `).block(() => emitLevel(level + 1, next));
        else emitLevel(level + 1, next);
      });
    };
    emitLevel(0, ctx.scope);
    w.writeLine(`return ${genExp ? 'null' : result};`);
    const decls = inner.temps.declared.map((t) => `let ${t.name}: ${t.type};\n`).join('');
    const names = generators.flatMap((g) => (g.target.kind === 'name' ? [] : comprehensionNames(g.target)));
    const lateNames = late ? generators.flatMap((g, level) => (g.target.kind === 'name' ? [[g.target.id, scope.comprehensions[generators.length - 1 - level].get(g.target.id) ?? T.any] as const] : [])) : [];
    const nameDecls = [...new Set(names)].map((n) => `let ${this.name(n)}: PyValue;\n`).join('') + lateNames.map(([n, t]) => `let ${this.name(n)}: ${this.type(t)};\n`).join('');
    // A list comprehension is a function in 3.11: its frame counts against the recursion limit.
    const fnBody = this.dialect.pythonFrames
      ? `{\n${nameDecls}${decls}py.enter();\ntry {\n${w.toString()}} finally {\npy.leave();\n}\n}`
      : `{\n${nameDecls}${decls}${w.toString()}}`;
    if (genExp) {
      const body = `{\n${nameDecls}${decls}${w.toString()}}`;
      return out(`(($source: Iterable<PyValue>) => py.generator('<genexpr>', (function* (): Generator<PyValue, PyValue, PyValue> ${body})()))(${firstSource})`, T.any, P.call);
    }
    ctx.awaits += inner.awaits;
    const type = collect === 'list' ? T.list : T.any;
    if (inner.awaits > 0) return out(`(await (async (): Promise<${resultType}> => ${fnBody})())`, type);
    return out(`((): ${resultType} => ${fnBody})()`, type, P.call);
  }

  private emitComprehensionTarget(w: LineWriter, target: Target, item: string, ctx: Context): void {
    if (target.kind === 'tuple' && target.elts.every((t) => t.kind === 'name')) {
      w.writeLine(`[${target.elts.map((t) => this.name((t as { id: string }).id)).join(', ')}] = py.unpack(${item}, ${target.elts.length});`);
    } else this.emitStore(w, target, item, ctx);
  }

  private fstring(parts: FStringPart[], ctx: Context): Out {
    const pieces = parts.map((part) => {
      if (typeof part === 'string') return templateText(part);
      let value = this.expr(part.value, ctx);
      if (part.conversion) value = out(`py.${part.conversion === 'r' ? 'repr' : 'str'}(${value.code})`, T.str, P.call);
      if (part.spec) return `\${py.format(${value.code}, ${tsString(part.spec)})}`;
      return value.type.k === 'str' ? `\${${value.code}}` : `\${py.str(${value.code})}`;
    });
    return out(`\`${pieces.join('')}\``, T.str);
  }

  private awaitExpr(value: Out, ctx: Context): Out {
    return this.dialect.awaitExpr(value, this.exprEmitter(ctx));
  }

  /** The emitter as a dialect sees it, bound to one function body (once per context: every await and asyncio call asks). */
  private exprEmitter(ctx: Context): ExprEmitter {
    ctx.dialectView ??= {
      expr: (e) => this.expr(e, ctx),
      condition: (e) => this.condition(e, ctx),
      awaited: () => void ctx.awaits++,
    };
    return ctx.dialectView;
  }

  // -------------------------------------------------------------------------- calls

  private userCall(func: string, args: Expr[], keywords: Keyword[], ctx: Context): Out {
    const fn = this.inference.info.functions.get(func)!;
    const name = this.name(func);
    const resultType = fn.def.isAsync && !isGenerator(fn.def) ? { k: 'coro' as const, of: this.inference.returnType(func) } : this.inference.returnType(func);
    const binding = bindStatically(fn.def, args, keywords);
    let call: string;
    if (binding.ok && keywordsInOrder(fn.def, keywords)) {
      const values = binding.args.map((arg, k) => (arg ? this.expr(arg, ctx).code : this.defaultValue(fn.def, k, ctx)));
      call = `${name}(${values.join(', ')})`;
    } else {
      // Starred arguments, `*args` or keyword-only parameters, or a call CPython rejects: bind at run time, with its messages.
      const sig = signatureCode(fn.def, (p, k, kwonly) => (kwonly ? this.defaultValueOf(fn.def, p.name, p.default!) : this.defaultValue(fn.def, k, ctx)));
      let kw = keywordsCode(keywords, (e) => this.expr(e, ctx).code);
      if (keywords.some((k) => k.name === '**')) kw = `py.unpackKeywords(${tsString(`__main__.${func}`)}, ${kw})`;
      call = `${name}(...(py.bindSignature(${tsString(func)}, ${sig}, [${this.elements(args, ctx)}], ${kw}) as Parameters<typeof ${name}>))`;
    }
    if (fn.jsAsync) {
      ctx.awaits++;
      return out(`await ${call}`, resultType, P.unary);
    }
    return out(call, resultType, P.call);
  }

  private defaultValue(def: FunctionDef, k: number, ctx: Context): string {
    const p = def.params[k];
    const constant = this.defaultConstants.get(`${def.name}\0${p.name}`);
    if (constant) return constant;
    return this.expr(p.default!, { scope: this.inference.moduleScope, temps: ctx.temps, awaits: 0 }).code;
  }

  /** A module function's keyword-only default: its def-time constant, or the literal. */
  private defaultValueOf(def: FunctionDef, param: string, value: Expr): string {
    return this.defaultConstants.get(`${def.name}\0${param}`) ?? this.expr(value, this.moduleCtx).code;
  }

  /** `anext(f(...)[, default])` where `f` is a module-level generator function: the generator is a temporary only the awaitable holds. */
  private isAnextOfTemporary(e: Expr): e is Extract<Expr, { kind: 'builtin' }> {
    return e.kind === 'builtin' && e.func === 'anext' && e.keywords.length === 0 && e.args[0]?.kind === 'call' && this.generatorFunctions.has(e.args[0].func);
  }

  private builtinCall(func: string, args: Expr[], keywords: Keyword[], ctx: Context, calleeOverride?: string): Out {
    const type = this.inference.typeOf({ kind: 'builtin', func: func as never, args, keywords }, ctx.scope);
    const positional = this.elements(args, ctx);
    const shadow = this.inference.resolve(ctx.scope, func);
    if (shadow.kind === 'local' || shadow.kind === 'global' || shadow.kind === 'comprehension') {
      // Python looks the name up like any other: a variable named `print` is what gets called.
      return out(`py.notCallable(${[this.name(func), positional].filter((x) => x).join(', ')})`, type, P.call);
    }
    if (keywords.length > 0 && NO_KEYWORDS[func]) {
      return out(`py.raiseTypeError(${tsString(`${func}() takes no keyword arguments`)})`, type, P.call);
    }
    const kw = keywords.length > 0 ? `{ ${keywords.map((k) => `${tsKey(k.name)}: ${this.expr(k.value, ctx).code}`).join(', ')} }` : '';
    const all = [positional, kw].filter((x) => x !== '').join(', ');
    const callee = calleeOverride ?? (func === 'print' ? 'print' : func === 'iter' ? 'py.iterBuiltin' : `py.${func}`);
    // abs() and round() return PyValue in the runtime; the static type is narrower.
    return func === 'abs' || func === 'round' ? typed(`${callee}(${all})`, type) : out(`${callee}(${all})`, type, P.call);
  }

  private asyncioCall(func: string, args: Expr[], keywords: Keyword[], ctx: Context): Out {
    const type = this.inference.typeOf({ kind: 'asyncio', func: func as never, args, keywords }, ctx.scope);
    return this.dialect.asyncioCall(func as AsyncioName, args, keywords, type, this.exprEmitter(ctx));
  }

  /** `async for` over a user class awaits its `__anext__` the dialect's way (the port's lazy coroutines need `aw`). */
  private aiterAwait(): string {
    return this.dialect.profile === 'port' ? ', (x) => asyncio.aw(x as never)' : '';
  }

  private methodCall(object: Expr, method: string, args: Expr[], keywords: Keyword[], ctx: Context): Out {
    const obj = this.expr(object, ctx);
    const type = this.inference.typeOf({ kind: 'method', object, method: method as never, args, keywords }, ctx.scope);
    const all = [...args, ...keywords.map((k) => k.value)];
    if (obj.type.k === 'list' && (method === 'append' || method === 'pop')) {
      const argCode = this.elements(all, ctx);
      return out(`py.${method}(${[obj.code, argCode].filter((x) => x).join(', ')})`, type, P.call);
    }
    if (obj.type.k === 'task' && ['done', 'cancelled', 'cancel', 'get_name', 'result'].includes(method)) {
      return this.dialect.taskMethod(obj, method, this.elements(all, ctx), type);
    }
    // Keyword arguments as one trailing object (`s.split(maxsplit=1)`), as builtins take them.
    const kwCode = keywords.length > 0 ? `{ ${keywords.map((k) => `${tsKey(k.name)}: ${this.expr(k.value, ctx).code}`).join(', ')} }` : '';
    const callArgs = [obj.code, tsString(method), this.elements(args, ctx), kwCode].filter((x) => x);
    if (BLOCKING_METHODS.has(method) && this.canBlock(method, ctx)) {
      ctx.awaits++; // `loop.run_until_complete(...)` blocks as `asyncio.run` does (emit-asyncio-api.ts)
      return out(`await py.callMethod(${callArgs.join(', ')})`, type, P.unary);
    }
    return out(`py.callMethod(${callArgs.join(', ')})`, type, P.call);
  }

  /** Whether a blocking method (emit-asyncio-api.ts) is awaited here: at module level and in a plain def made async for it. */
  private canBlock(method: string, ctx: Context): boolean {
    const fn = ctx.scope.fn;
    if (fn === null) return true;
    if (fn.def.isAsync) return false; // in a running loop CPython raises at once; the port's call rejects
    if (fn.jsAsync) return true;
    if (method === 'close') return false; // `loop.close()` is synchronous; only Runner.close runs a loop
    throw new Error(`unsupported: ${method}() in a nested function or lambda`);
  }
}

// ---------------------------------------------------------------------------- helpers

const OPS: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '|': 'bitor', '&': 'bitand', '^': 'bitxor' };
/** Operators whose in-place form mutates a container (`xs += ys`, `s |= t`, `s -= t`). */
const IN_PLACE_OPS: Record<string, string> = { '+': 'iadd', '-': 'isub', '|': 'ior', '&': 'iand', '^': 'ixor' };


/** A runtime call returning PyValue, cast when the static type knows better (a value type: the same in every dialect). */
function typed(call: string, type: SType): Out {
  return type.k === 'any' ? out(call, type, P.call) : out(`${call} as ${tsType(type)}`, type, P.rel);
}

const PRIMITIVE_EQ = new Set(['int', 'float', 'str', 'bool', 'none']);
const RUNTIME_CMP: Record<string, string> = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

function compareOp(op: CmpOpName, a: Out, b: Out): Out {
  switch (op) {
    case '==':
    case '!=':
      if (PRIMITIVE_EQ.has(a.type.k) && sameType(a.type, b.type)) {
        return out(`${operand(a, P.eq)} ${op}= ${operand(b, P.eq + 1)}`, T.bool, P.eq);
      }
      break;
    case '<':
    case '<=':
    case '>':
    case '>=':
      if ((a.type.k === 'int' || a.type.k === 'float') && sameType(a.type, b.type)) {
        return out(`${operand(a, P.rel)} ${op} ${operand(b, P.rel + 1)}`, T.bool, P.rel);
      }
      break;
    case 'is':
    case 'is not':
      if (a.type.k === 'none' || b.type.k === 'none') {
        return out(`${operand(a, P.eq)} ${op === 'is' ? '===' : '!=='} ${operand(b, P.eq + 1)}`, T.bool, P.eq);
      }
      return out(`${op === 'is' ? '' : '!'}py.is(${a.code}, ${b.code})`, T.bool, op === 'is' ? P.call : P.unary);
    case 'in':
      return out(`py.isIn(${a.code}, ${b.code})`, T.bool, P.call);
    case 'not in':
      return out(`!py.isIn(${a.code}, ${b.code})`, T.bool, P.unary);
  }
  return out(`py.${RUNTIME_CMP[op]}(${a.code}, ${b.code})`, T.bool, P.call);
}

function floatLiteral(value: number): Out {
  if (Number.isNaN(value)) return out('NaN', T.float);
  if (value === Infinity) return out('Infinity', T.float);
  if (value === -Infinity) return out('-Infinity', T.float, P.unary);
  const text = Object.is(value, -0) ? '-0' : floatRepr(value);
  return out(text, T.float, text.startsWith('-') ? P.unary : P.atom);
}

/** A default that can be written at every call site (immutable, no calls). */
function isLiteral(e: Expr): boolean {
  if (e.kind === 'int' || e.kind === 'float' || e.kind === 'str' || e.kind === 'bool' || e.kind === 'none') return true;
  if (e.kind === 'unaryOp' && e.op === '-') return e.operand.kind === 'int' || e.operand.kind === 'float';
  return false;
}

/** No side effects and nothing to suspend: may be evaluated in another order. */
function isPure(e: Expr): boolean {
  return isLiteral(e) || e.kind === 'name';
}

/** Keyword arguments already in parameter order, or all pure: binding them statically keeps Python's evaluation order. */
function keywordsInOrder(def: FunctionDef, keywords: Keyword[]): boolean {
  const positions = keywords.map((k) => def.params.findIndex((p) => p.name === k.name));
  return keywords.every((k) => isPure(k.value)) || positions.every((p, i) => i === 0 || p > positions[i - 1]);
}

function tsKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name);
}

function comprehensionNames(t: Target): string[] {
  if (t.kind === 'name') return [t.id];
  if (t.kind === 'tuple') return t.elts.flatMap(comprehensionNames);
  return [];
}
