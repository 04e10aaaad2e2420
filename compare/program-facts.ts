/**
 * Facts about a program that the bucket rules read: which function each print label belongs
 * to, which functions are started as tasks, made into coroutines that are never awaited, and
 * which sleep delays occur. Derived from the IR alone, never from either run.
 */
import type { Expr, FunctionDef, Program, Stmt } from '../ir/program.ts';
import { isGenerator } from '../transpile/emit-generators.ts';

export interface ProgramFacts {
  /** label (the first argument of a print, when a string literal) -> function name */
  labelOwner: Map<string, string>;
  /** functions whose coroutine is passed to create_task */
  startedAsTasks: Set<string>;
  /** those, and every function they call, transitively: what may run inside a created task */
  runInTasks: Set<string>;
  /** function -> the functions its body calls */
  calls: Map<string, Set<string>>;
  /** functions whose coroutine is assigned or dropped without being awaited */
  unawaitedCoroutines: Set<string>;
  /** labels printed by a function before its first await (what an eager start runs at once) */
  printsBeforeFirstAwait: Set<string>;
  sleepDelays: number[];
  usesGather: boolean;
  /** done(), cancelled(), result() or cancel() is called somewhere */
  usesTaskMethods: boolean;
  statementCount: number;
  /** calls wait_for, or wait/as_completed with a timeout (issue 9): a timeout that cancels in Python */
  usesCancellingTimeouts: boolean;
  /** `async def` functions whose body yields: async generators (issue 8 item 5), nested ones included (by their name) */
  asyncGenerators: Set<string>;
  /** `asyncio.<name>(...)` calls the program makes (Lock, Queue, timeout, TaskGroup...: issue 9's buckets) */
  asyncioCalls: Set<string>;
}

export function programFacts(program: Program): ProgramFacts {
  const facts: ProgramFacts = {
    labelOwner: new Map(),
    startedAsTasks: new Set(),
    runInTasks: new Set(),
    calls: new Map(),
    unawaitedCoroutines: new Set(),
    printsBeforeFirstAwait: new Set(),
    sleepDelays: [],
    usesGather: false,
    usesTaskMethods: false,
    statementCount: 0,
    usesCancellingTimeouts: false,
    asyncGenerators: new Set(program.functions.filter((fn) => fn.isAsync && isGenerator(fn)).map((fn) => fn.name)),
    asyncioCalls: new Set(),
  };
  for (const fn of program.functions) {
    walkStatements(fn.body, fn, facts);
    notePrintsBeforeFirstAwait(fn, facts);
  }
  walkStatements(program.body, undefined, facts);
  const pending = [...facts.startedAsTasks];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (facts.runInTasks.has(name)) continue;
    facts.runInTasks.add(name);
    pending.push(...(facts.calls.get(name) ?? []));
  }
  return facts;
}

function notePrintsBeforeFirstAwait(fn: FunctionDef, facts: ProgramFacts): void {
  for (const stmt of fn.body) {
    const scratch = programFactsOfStatements([stmt], fn);
    if (containsAwait(stmt)) return;
    for (const label of scratch.labelOwner.keys()) facts.printsBeforeFirstAwait.add(label);
  }
}

function programFactsOfStatements(body: Stmt[], fn: FunctionDef): ProgramFacts {
  const facts = programFacts({ functions: [], body: [] });
  walkStatements(body, fn, facts);
  return facts;
}

function containsAwait(stmt: Stmt): boolean {
  return JSON.stringify(stmt).includes('"kind":"await"');
}

function walkStatements(body: Stmt[], fn: FunctionDef | undefined, facts: ProgramFacts): void {
  for (const stmt of body) {
    facts.statementCount++;
    switch (stmt.kind) {
      case 'expr':
        noteBareCoroutine(stmt.expr, facts);
        walkExpr(stmt.expr, fn, facts);
        break;
      case 'assign':
        noteBareCoroutine(stmt.value, facts);
        walkExpr(stmt.value, fn, facts);
        break;
      case 'augAssign':
      case 'return':
        if (stmt.value) walkExpr(stmt.value, fn, facts);
        break;
      case 'if':
        walkExpr(stmt.test, fn, facts);
        walkStatements(stmt.body, fn, facts);
        walkStatements(stmt.orelse, fn, facts);
        break;
      case 'for':
        walkExpr(stmt.iter, fn, facts);
        walkStatements(stmt.body, fn, facts);
        break;
      case 'while':
        walkExpr(stmt.test, fn, facts);
        walkStatements(stmt.body, fn, facts);
        break;
      case 'try':
        walkStatements(stmt.body, fn, facts);
        for (const handler of stmt.handlers) {
          if (handler.type) walkExpr(handler.type, fn, facts);
          walkStatements(handler.body, fn, facts);
        }
        walkStatements(stmt.orelse, fn, facts);
        walkStatements(stmt.finalbody, fn, facts);
        break;
      case 'raise':
        if (stmt.exc) walkExpr(stmt.exc, fn, facts);
        if (stmt.cause) walkExpr(stmt.cause, fn, facts);
        break;
      case 'assert':
        walkExpr(stmt.test, fn, facts);
        if (stmt.msg) walkExpr(stmt.msg, fn, facts);
        break;
      case 'with':
        for (const item of stmt.items) walkExpr(item.context, fn, facts);
        walkStatements(stmt.body, fn, facts);
        break;
      case 'def':
        // A nested async generator (`async def agen(n): ... yield`): its prints are its own, for asyncgen-not-finalized.
        if (stmt.def.isAsync && isGenerator(stmt.def)) {
          facts.asyncGenerators.add(stmt.def.name);
          walkStatements(stmt.def.body, stmt.def, facts);
        }
        break;
      default:
        break;
    }
  }
}

/** `c = f()` or a bare `f()` statement: a coroutine made and not awaited. */
function noteBareCoroutine(expr: Expr, facts: ProgramFacts): void {
  if (expr.kind === 'call') facts.unawaitedCoroutines.add(expr.func);
}

function walkExpr(expr: Expr, fn: FunctionDef | undefined, facts: ProgramFacts): void {
  switch (expr.kind) {
    case 'method':
      if (['done', 'cancelled', 'result', 'cancel'].includes(expr.method)) facts.usesTaskMethods = true;
      break;
    case 'call':
      if (fn) facts.calls.set(fn.name, (facts.calls.get(fn.name) ?? new Set()).add(expr.func));
      break;
    case 'builtin':
      if (expr.func === 'print' && expr.args[0]?.kind === 'str' && fn) facts.labelOwner.set(expr.args[0].value, fn.name);
      break;
    case 'asyncio':
      if (expr.func === 'create_task' && expr.args[0]?.kind === 'call') facts.startedAsTasks.add(expr.args[0].func);
      if (expr.func === 'gather') facts.usesGather = true;
      if (expr.func === 'wait_for' || ((expr.func === 'wait' || expr.func === 'as_completed') && (expr.args.length > 1 || expr.keywords.some((k) => k.name === 'timeout')))) facts.usesCancellingTimeouts = true;
      facts.asyncioCalls.add(expr.func);
      if (expr.func === 'sleep') {
        const delay = expr.args[0];
        if (delay?.kind === 'int' || delay?.kind === 'float') facts.sleepDelays.push(delay.value);
      }
      break;
    default:
      break;
  }
  for (const child of childExprs(expr)) walkExpr(child, fn, facts);
}

function childExprs(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'list':
    case 'tuple':
      return expr.elts;
    case 'binOp':
      return [expr.left, expr.right];
    case 'unaryOp':
      return [expr.operand];
    case 'boolOp':
      return expr.values;
    case 'compare':
      return [expr.left, ...expr.comparators];
    case 'ifExp':
      return [expr.test, expr.body, expr.orelse];
    case 'subscript':
      return [expr.value, expr.index];
    case 'listComp':
      return [expr.elt, ...expr.generators.flatMap((g) => [g.iter, ...g.ifs])];
    case 'fstring':
      return expr.parts.flatMap((part) => (typeof part === 'string' ? [] : [part.value]));
    case 'await':
    case 'starred':
      return [expr.value];
    case 'call':
    case 'builtin':
    case 'asyncio':
      return [...expr.args, ...expr.keywords.map((k) => k.value)];
    case 'method':
      return [expr.object, ...expr.args, ...expr.keywords.map((k) => k.value)];
    case 'excCall':
      return expr.args;
    case 'isinstance':
      return [expr.value, expr.types];
    case 'typeName':
      return [expr.value];
    case 'excAttr':
      return [expr.object];
    default:
      return [];
  }
}

/** The label of a trace line: the first word of what a generated print wrote. */
export function labelOf(text: string): string {
  return text.split(/[ \n]/, 1)[0];
}
