/**
 * Scope analysis and static typing of a Program (see types.ts for the lattice).
 * `Inference` answers, for the emitter: what a name refers to, and the static type of any
 * expression in any scope; it runs the whole-program fixpoint once, when built.
 */
import { BLOCKING_METHODS } from './emit-asyncio-api.ts';
import type { Expr, FunctionDef, Keyword, Program, Stmt, Target } from '../ir/program.ts';
import { stdlibType } from './emit-stdlib.ts';
import {
  T,
  assignedNames,
  coro,
  elementType,
  isNumeric,
  join,
  sameType,
  terminates,
  type FunctionInfo,
  type ProgramInfo,
  type SType,
} from './types.ts';
import { isGenerator } from './emit-generators.ts';
import { declaredNames, functionLocals, hasExtendedSignature, parameterNames, qualnameIn } from './scopes.ts';
import { scanProgram, type ProgramScan } from './program-scan.ts';

/** Where an expression is: a function (or the module), inside zero or more comprehensions. */
export interface Scope {
  fn: FunctionInfo | null;
  /** Comprehension variables, innermost first. */
  comprehensions: Array<Map<string, SType>>;
}

export type Resolved =
  | { kind: 'comprehension' | 'local' | 'global'; type: SType }
  | { kind: 'function'; fn: FunctionInfo }
  | { kind: 'undefined' };

/** How a call's arguments land on the callee's parameters, when that is known statically. */
export type Binding = { ok: true; args: Array<Expr | undefined> } | { ok: false };

/** Bind positional and keyword arguments to `def`'s parameters, without running anything. */
export function bindStatically(def: FunctionDef, args: Expr[], keywords: Keyword[]): Binding {
  if (args.some((a) => a.kind === 'starred') || args.length > def.params.length || hasExtendedSignature(def)) return { ok: false };
  const bound: Array<Expr | undefined> = def.params.map((_, k) => args[k]);
  for (const kw of keywords) {
    const k = def.params.findIndex((p) => p.name === kw.name);
    if (k < 0 || bound[k] !== undefined) return { ok: false };
    bound[k] = kw.value;
  }
  if (def.params.some((p, k) => bound[k] === undefined && p.default === undefined)) return { ok: false };
  return { ok: true, args: bound };
}

export class Inference {
  readonly info: ProgramInfo;
  readonly moduleScope: Scope = { fn: null, comprehensions: [] };
  private changed = false;

  /** What the whole program holds (`:=`, StopIteration, asyncio calls...), found in one walk. */
  readonly scan: ProgramScan;
  /** Whether a `:=` is anywhere in the program (assignedNames walks for its targets only then). */
  private readonly walrus: boolean;

  constructor(readonly program: Program) {
    this.scan = scanProgram(program);
    this.walrus = this.scan.walrus;
    const functions = new Map<string, FunctionInfo>();
    for (const def of program.functions) {
      functions.set(def.name, { def, locals: functionLocals(def, this.walrus), jsAsync: false, dynamic: false, globalNames: declaredNames(def.body, 'global') });
    }
    const globals = assignedNames(program.body, [], this.walrus);
    for (const name of this.scan.globalDeclarations) if (!globals.includes(name)) globals.push(name);
    this.info = { functions, globals, vars: new Map(), returns: new Map() };
    this.solve();
  }

  /** Nested defs and lambdas, by their def: one FunctionInfo each, made on first sight. */
  private readonly nested = new Map<FunctionDef, FunctionInfo>();

  /** The FunctionInfo of a nested def or lambda defined in `scope`. */
  nestedInfo(def: FunctionDef, scope: Scope): FunctionInfo {
    let fn = this.nested.get(def);
    if (!fn) {
      const qualname = qualnameIn(scope.fn, scope.comprehensions.length > 0, def.name);
      fn = { def, locals: functionLocals(def, this.walrus), jsAsync: false, dynamic: true, globalNames: declaredNames(def.body, 'global'), qualname, enclosing: scope };
      this.nested.set(def, fn);
    }
    // The latest scope: a comprehension's variable types are remade on every visit (and once more by the emitter).
    fn.enclosing = scope;
    return fn;
  }

  scopeOf(fn: FunctionInfo | null): Scope {
    return { fn, comprehensions: [] };
  }

  // -------------------------------------------------------------------------- queries

  resolve(scope: Scope, name: string): Resolved {
    for (const comp of scope.comprehensions) {
      const t = comp.get(name);
      if (t) return { kind: 'comprehension', type: t };
    }
    const fn = scope.fn;
    if (fn?.locals.includes(name)) return { kind: 'local', type: fn.enclosing ? T.any : this.varType(fn.def.name, name) };
    if (fn?.globalNames?.includes(name)) return { kind: 'global', type: this.varType('', name) };
    // A nested def's free name: what it means where the def is (a closure, as JS has them).
    if (fn?.enclosing) return this.resolve(fn.enclosing, name);
    return this.resolveGlobal(name);
  }

  /** A name at module level: a module variable, else a function of the program. */
  private resolveGlobal(name: string): Resolved {
    if (this.info.globals.includes(name)) return { kind: 'global', type: this.varType('', name) };
    const def = this.info.functions.get(name);
    if (def) return { kind: 'function', fn: def };
    return { kind: 'undefined' };
  }

  varType(owner: string, name: string): SType {
    return this.info.vars.get(owner)?.get(name) ?? T.never;
  }

  returnType(fn: string): SType {
    return this.info.returns.get(fn) ?? T.never;
  }

  /** The static type of `e` in `scope`. */
  typeOf(e: Expr, scope: Scope): SType {
    switch (e.kind) {
      case 'int':
        return T.int;
      case 'float':
        return T.float;
      case 'str':
      case 'fstring':
        return T.str;
      case 'bool':
      case 'compare':
        return T.bool;
      case 'none':
        return T.none;
      case 'list':
      case 'listComp':
        return T.list;
      case 'tuple':
        return T.tuple;
      case 'name': {
        const r = this.resolve(scope, e.id);
        return r.kind === 'comprehension' || r.kind === 'local' || r.kind === 'global' ? r.type : T.any;
      }
      case 'binOp':
        return binOpType(e.op, this.typeOf(e.left, scope), this.typeOf(e.right, scope), e.right);
      case 'unaryOp': {
        if (e.op === 'not') return T.bool;
        const t = this.typeOf(e.operand, scope);
        if (t.k === 'never') return T.never;
        return t.k === 'bool' ? T.int : t.k === 'int' || t.k === 'float' ? t : T.any;
      }
      case 'boolOp':
        return e.values.map((v) => this.typeOf(v, scope)).reduce(join, T.never);
      case 'ifExp':
        return join(this.typeOf(e.body, scope), this.typeOf(e.orelse, scope));
      case 'subscript':
        return this.typeOf(e.value, scope).k === 'str' ? T.str : T.any;
      case 'await': {
        const t = this.typeOf(e.value, scope);
        return 'of' in t ? t.of : t.k === 'never' ? T.never : T.any;
      }
      case 'starred':
      case 'lambda':
      case 'callValue':
      case 'partial':
        return T.any;
      case 'call': {
        const fn = this.info.functions.get(e.func);
        if (!fn) return T.any;
        const result = this.returnType(e.func);
        return fn.def.isAsync && !isGenerator(fn.def) ? coro(result) : result;
      }
      case 'builtin':
        return this.builtinType(e.func, e.args, scope);
      case 'asyncio':
        return this.asyncioType(e, scope);
      case 'method':
        return this.methodType(e, scope);
      case 'isinstance':
        return T.bool;
      case 'typeName':
        return T.str;
      case 'namedExpr':
        return this.typeOf(e.value, scope);
      case 'dict':
      case 'set':
      case 'dictComp':
      case 'setComp':
      case 'slice':
      case 'excClass':
      case 'excCall':
      case 'excAttr':
      case 'builtinValue':
        return T.any;
      case 'stdlib':
      case 'stdlibConst':
        return stdlibType(e);
      case 'attr':
      case 'super':
      case 'genExp':
      case 'yield':
      case 'yieldFrom':
        return T.any;
    }
  }

  private builtinType(func: string, args: Expr[], scope: Scope): SType {
    switch (func) {
      case 'print':
        return T.none;
      case 'len':
      case 'int':
        return T.int;
      case 'range':
        return T.range;
      case 'str':
      case 'repr':
        return T.str;
      case 'float':
        return T.float;
      case 'bool':
        return T.bool;
      case 'list':
      case 'sorted':
        return T.list;
      case 'tuple':
        return T.tuple;
      case 'abs': {
        const t = args.length === 1 ? this.typeOf(args[0], scope) : T.any;
        if (t.k === 'never') return T.never;
        return t.k === 'bool' ? T.int : t.k === 'int' || t.k === 'float' ? t : T.any;
      }
      case 'round': {
        const t = args.length >= 1 ? this.typeOf(args[0], scope) : T.any;
        if (t.k === 'never') return T.never;
        if (args.length === 1 && isNumeric(t)) return T.int;
        if (args.length === 2 && (t.k === 'int' || t.k === 'float')) return t;
        return T.any;
      }
      default:
        return T.any;
    }
  }

  private asyncioType(e: Extract<Expr, { kind: 'asyncio' }>, scope: Scope): SType {
    switch (e.func) {
      case 'run': {
        const t = e.args.length === 1 ? this.typeOf(e.args[0], scope) : T.any;
        return t.k === 'coro' ? t.of : t.k === 'never' ? T.never : T.any;
      }
      case 'sleep': {
        const result = e.args[1] ?? e.keywords.find((k) => k.name === 'result')?.value;
        return coro(result ? this.typeOf(result, scope) : T.none);
      }
      case 'create_task': {
        const t = e.args.length >= 1 ? this.typeOf(e.args[0], scope) : T.any;
        return { k: 'task', of: t.k === 'coro' ? t.of : t.k === 'never' ? T.never : T.any };
      }
      case 'gather':
        return { k: 'future', of: T.list };
      default:
        return T.any;
    }
  }

  private methodType(e: Extract<Expr, { kind: 'method' }>, scope: Scope): SType {
    switch (e.method) {
      case 'append':
        return T.none;
      case 'done':
      case 'cancelled':
      case 'cancel':
        return this.typeOf(e.object, scope).k === 'task' ? T.bool : T.any;
      case 'get_name':
        return this.typeOf(e.object, scope).k === 'task' ? T.str : T.any;
      case 'result': {
        const t = this.typeOf(e.object, scope);
        return t.k === 'task' ? t.of : t.k === 'never' ? T.never : T.any;
      }
      default:
        return T.any;
    }
  }

  // -------------------------------------------------------------------------- fixpoint

  private joinVar(owner: string, name: string, t: SType): void {
    let vars = this.info.vars.get(owner);
    if (!vars) this.info.vars.set(owner, (vars = new Map()));
    const old = vars.get(name) ?? T.never;
    const next = join(old, t);
    if (!sameType(old, next)) {
      vars.set(name, next);
      this.changed = true;
    }
  }

  private joinReturn(fn: string, t: SType): void {
    const old = this.returnType(fn);
    const next = join(old, t);
    if (!sameType(old, next)) {
      this.info.returns.set(fn, next);
      this.changed = true;
    }
  }

  private solve(): void {
    for (let round = 0; round < 50; round++) {
      this.changed = false;
      for (const fn of this.info.functions.values()) {
        const scope = this.scopeOf(fn);
        for (const p of fn.def.params) {
          if (p.default) this.joinVar(fn.def.name, p.name, this.typeOf(p.default, this.moduleScope));
          if (p.default) this.visitExpr(p.default, this.moduleScope);
          if (fn.dynamic) this.joinVar(fn.def.name, p.name, T.any);
        }
        // `*args` (a tuple) and keyword-only parameters are bound at run time.
        for (const name of parameterNames(fn.def).slice(fn.def.params.length)) this.joinVar(fn.def.name, name, T.any);
        for (const p of fn.def.kwonly ?? []) if (p.default) this.visitExpr(p.default, this.moduleScope);
        this.visitStmts(fn.def.body, scope);
        if (!terminates(fn.def.body)) this.joinReturn(fn.def.name, T.none);
        if (isGenerator(fn.def)) this.joinReturn(fn.def.name, T.any); // a call makes a generator object
      }
      this.visitStmts(this.program.body, this.moduleScope);
      if (!this.changed) break;
    }
    // Never assigned (or never returning): nothing is known, so anything goes.
    for (const vars of this.info.vars.values()) for (const [name, t] of vars) if (t.k === 'never') vars.set(name, T.any);
    for (const [key, t] of this.info.returns) if (t.k === 'never') this.info.returns.set(key, T.any);
  }

  private visitStmts(body: Stmt[], scope: Scope): void {
    for (const s of body) {
      switch (s.kind) {
        case 'expr':
          this.visitExpr(s.expr, scope);
          break;
        case 'assign':
          this.visitExpr(s.value, scope);
          this.assign(s.target, this.typeOf(s.value, scope), scope, s.value);
          break;
        case 'augAssign':
          this.visitExpr(s.value, scope);
          if (s.target.kind === 'name') {
            const current = this.resolve(scope, s.target.id);
            const before = 'type' in current ? current.type : T.any;
            this.assign(s.target, binOpType(s.op, before, this.typeOf(s.value, scope), s.value), scope);
          } else this.assign(s.target, T.any, scope);
          break;
        case 'return':
          if (s.value) this.visitExpr(s.value, scope);
          if (scope.fn) this.joinReturn(scope.fn.def.name, s.value ? this.typeOf(s.value, scope) : T.none);
          break;
        case 'if':
          this.visitExpr(s.test, scope);
          this.visitStmts(s.body, scope);
          this.visitStmts(s.orelse, scope);
          break;
        case 'while':
          this.visitExpr(s.test, scope);
          this.visitStmts(s.body, scope);
          break;
        case 'for':
          this.visitExpr(s.iter, scope);
          this.assign(s.target, s.isAsync ? T.any : elementType(this.typeOf(s.iter, scope)), scope);
          this.visitStmts(s.body, scope);
          break;
        case 'def':
          this.visitNested(s.def, scope);
          this.assign({ kind: 'name', id: s.def.name }, T.any, scope); // a function object: `any` to inference
          break;
        case 'delete':
          for (const t of s.targets) this.assign(t, T.any, scope);
          break;
        case 'try':
          this.visitStmts(s.body, scope);
          for (const h of s.handlers) {
            if (h.type) this.visitExpr(h.type, scope);
            if (h.name !== undefined) this.assign({ kind: 'name', id: h.name }, T.any, scope);
            this.visitStmts(h.body, scope);
          }
          this.visitStmts(s.orelse, scope);
          this.visitStmts(s.finalbody, scope);
          break;
        case 'raise':
          if (s.exc) this.visitExpr(s.exc, scope);
          if (s.cause) this.visitExpr(s.cause, scope);
          break;
        case 'assert':
          this.visitExpr(s.test, scope);
          if (s.msg) this.visitExpr(s.msg, scope);
          break;
        case 'class':
          // Methods are functions whose enclosing scope is the module (never the class body).
          if (s.def.base) this.visitExpr(s.def.base, scope);
          for (const m of s.def.body) {
            if (m.kind === 'attr' && m.value !== undefined) this.visitExpr(m.value, scope);
            if (m.kind !== 'method') continue;
            this.nestedInfo(m.def, scope).qualname = `${s.def.name}.${m.def.name}`;
            this.visitNested(m.def, scope);
          }
          this.assign({ kind: 'name', id: s.def.name }, T.any, scope);
          break;
        case 'with':
          for (const item of s.items) {
            this.visitExpr(item.context, scope);
            if (item.target) this.assign(item.target, T.any, scope); // what __enter__/__aenter__ returns
          }
          this.visitStmts(s.body, scope);
          break;
      }
    }
  }

  /** Record `target = <value of type t>`; a literal tuple/list on the right types each name. */
  private assign(target: Target, t: SType, scope: Scope, value?: Expr): void {
    switch (target.kind) {
      case 'name': {
        if (scope.comprehensions.some((c) => c.has(target.id))) return;
        const fn = scope.fn;
        if (fn?.locals.includes(target.id)) {
          if (!fn.enclosing) this.joinVar(fn.def.name, target.id, t);
        } else if (fn?.globalNames?.includes(target.id) || !fn) this.joinVar('', target.id, t);
        else this.assignFree(fn, target.id);
        return;
      }
      case 'subscript':
        this.visitExpr(target.value, scope);
        this.visitExpr(target.index, scope);
        return;
      case 'tuple': {
        // Matches the emitter: only `a, b = x, y` (all names, same length) assigns element-wise.
        const literal =
          value &&
          (value.kind === 'tuple' || value.kind === 'list') &&
          value.elts.length === target.elts.length &&
          !value.elts.some((x) => x.kind === 'starred') &&
          target.elts.every((x) => x.kind === 'name')
            ? value.elts
            : undefined;
        target.elts.forEach((sub, k) => this.assign(sub, literal ? this.typeOf(literal[k], scope) : T.any, scope, literal?.[k]));
        return;
      }
      case 'starred':
        this.assign(target.target, T.any, scope);
        return;
      case 'attr':
        this.visitExpr(target.object, scope);
    }
  }

  /** A nested def's `nonlocal` (or a nested `global`) name assigned: whatever it is, it may now hold anything. */
  private assignFree(fn: FunctionInfo, name: string): void {
    let scope: Scope | undefined = fn.enclosing;
    while (scope) {
      if (scope.comprehensions.some((c) => c.has(name))) return;
      const owner = scope.fn;
      if (owner === null) return this.joinVar('', name, T.any);
      if (owner.locals.includes(name)) return owner.enclosing ? undefined : this.joinVar(owner.def.name, name, T.any);
      if (owner.globalNames?.includes(name)) return this.joinVar('', name, T.any);
      scope = owner.enclosing;
    }
    this.joinVar('', name, T.any);
  }

  /** A nested def or lambda: its defaults run where it is defined, its body in its own scope. */
  private visitNested(def: FunctionDef, scope: Scope): void {
    for (const p of [...def.params, ...(def.kwonly ?? [])]) if (p.default) this.visitExpr(p.default, scope);
    const fn = this.nestedInfo(def, scope);
    this.visitStmts(def.body, this.scopeOf(fn));
  }

  /** Visit sub-expressions: call sites type parameters; functions used as values go dynamic. */
  private visitExpr(e: Expr, scope: Scope): void {
    switch (e.kind) {
      case 'name': {
        const r = this.resolve(scope, e.id);
        if (r.kind === 'function' && !r.fn.dynamic) {
          r.fn.dynamic = true;
          this.changed = true;
        }
        return;
      }
      case 'list':
      case 'tuple':
        for (const x of e.elts) this.visitExpr(x, scope);
        return;
      case 'binOp':
        this.visitExpr(e.left, scope);
        this.visitExpr(e.right, scope);
        return;
      case 'unaryOp':
        this.visitExpr(e.operand, scope);
        return;
      case 'boolOp':
        for (const x of e.values) this.visitExpr(x, scope);
        return;
      case 'compare':
        this.visitExpr(e.left, scope);
        for (const x of e.comparators) this.visitExpr(x, scope);
        return;
      case 'ifExp':
        this.visitExpr(e.test, scope);
        this.visitExpr(e.body, scope);
        this.visitExpr(e.orelse, scope);
        return;
      case 'subscript':
        this.visitExpr(e.value, scope);
        this.visitExpr(e.index, scope);
        return;
      case 'listComp': {
        const inner = this.comprehensionScope(e, scope);
        this.visitExpr(e.elt, inner);
        return;
      }
      case 'setComp':
      case 'dictComp': {
        const inner = this.comprehensionScope(e, scope);
        if (e.kind === 'dictComp') this.visitExpr(e.key, inner);
        this.visitExpr(e.kind === 'dictComp' ? e.value : e.elt, inner);
        return;
      }
      case 'dict':
        for (const x of [...e.keys, ...e.values]) this.visitExpr(x, scope);
        return;
      case 'set':
        for (const x of e.elts) this.visitExpr(x, scope);
        return;
      case 'slice':
        for (const x of [e.lower, e.upper, e.step]) if (x) this.visitExpr(x, scope);
        return;
      case 'namedExpr':
        this.visitExpr(e.value, scope);
        // `(n := v)` binds in the enclosing function, also from inside a comprehension.
        this.assign({ kind: 'name', id: e.target }, this.typeOf(e.value, scope), { ...scope, comprehensions: [] });
        return;
      case 'fstring':
        for (const part of e.parts) if (typeof part !== 'string') this.visitExpr(part.value, scope);
        return;
      case 'await':
      case 'starred':
        this.visitExpr(e.value, scope);
        return;
      case 'call': {
        for (const a of e.args) this.visitExpr(a, scope);
        for (const k of e.keywords) this.visitExpr(k.value, scope);
        const fn = this.info.functions.get(e.func);
        if (!fn) return;
        const binding = bindStatically(fn.def, e.args, e.keywords);
        if (!binding.ok) {
          if (!fn.dynamic) {
            fn.dynamic = true;
            this.changed = true;
          }
          return;
        }
        binding.args.forEach((arg, k) => {
          if (arg) this.joinVar(fn.def.name, fn.def.params[k].name, this.typeOf(arg, scope));
        });
        if (fn.jsAsync && scope.fn && !scope.fn.def.isAsync && !scope.fn.jsAsync) {
          scope.fn.jsAsync = true;
          this.changed = true;
        }
        return;
      }
      case 'asyncio':
        if (e.func === 'run' && scope.fn && !scope.fn.def.isAsync && !scope.fn.jsAsync) {
          scope.fn.jsAsync = true;
          this.changed = true;
        }
      // falls through
      case 'builtin':
        for (const a of e.args) this.visitExpr(a, scope);
        for (const k of e.keywords) this.visitExpr(k.value, scope);
        return;
      case 'method':
        // `loop.run_until_complete(...)` blocks like `asyncio.run` (emit-asyncio-api.ts BLOCKING_METHODS).
        if (BLOCKING_METHODS.has(e.method) && e.method !== 'close' && scope.fn && !scope.fn.def.isAsync && !scope.fn.jsAsync && !scope.fn.enclosing) {
          scope.fn.jsAsync = true;
          this.changed = true;
        }
        this.visitExpr(e.object, scope);
        for (const a of e.args) this.visitExpr(a, scope);
        for (const k of e.keywords) this.visitExpr(k.value, scope);
        return;
      case 'lambda':
        this.visitNested(e.def, scope);
        return;
      case 'callValue':
      case 'partial':
        this.visitExpr(e.func, scope);
        for (const a of e.args) this.visitExpr(a, scope);
        for (const k of e.keywords) this.visitExpr(k.value, scope);
        return;
      case 'excCall':
        for (const a of e.args) this.visitExpr(a, scope);
        return;
      case 'isinstance':
        this.visitExpr(e.value, scope);
        this.visitExpr(e.types, scope);
        return;
      case 'typeName':
        this.visitExpr(e.value, scope);
        return;
      case 'excAttr':
      case 'attr':
        this.visitExpr(e.object, scope);
        return;
      case 'genExp': {
        const inner = this.comprehensionScope({ kind: 'listComp', elt: e.elt, generators: e.generators }, scope);
        this.visitExpr(e.elt, inner);
        return;
      }
      case 'yield':
        if (e.value) this.visitExpr(e.value, scope);
        return;
      case 'yieldFrom':
        this.visitExpr(e.value, scope);
        return;
      default:
        return;
    }
  }

  /**
   * The scope inside a list comprehension: each `for` binds its targets (typed from its
   * iterable) for the later iterables, conditions and the element. Visits those parts.
   */
  comprehensionScope(e: Extract<Expr, { kind: 'listComp' | 'setComp' | 'dictComp' }>, scope: Scope): Scope {
    let inner = scope;
    for (const gen of e.generators) {
      this.visitExpr(gen.iter, inner);
      const element = gen.isAsync ? T.any : elementType(this.typeOf(gen.iter, inner));
      const vars = new Map<string, SType>();
      const names = gen.target.kind === 'name' ? [gen.target.id] : [];
      if (gen.target.kind !== 'name') collectNames(gen.target, names);
      for (const n of names) vars.set(n, gen.target.kind === 'name' ? element : T.any);
      inner = { fn: scope.fn, comprehensions: [vars, ...inner.comprehensions] };
      for (const cond of gen.ifs) this.visitExpr(cond, inner);
    }
    return inner;
  }
}

function collectNames(t: Target, into: string[]): void {
  if (t.kind === 'name') into.push(t.id);
  else if (t.kind === 'tuple') for (const x of t.elts) collectNames(x, into);
  else if (t.kind === 'starred') collectNames(t.target, into);
}

/** The result type of `a op b` (`right` lets `x ** 2` stay an int). */
export function binOpType(op: string, a: SType, b: SType, right?: Expr): SType {
  // Not known yet (the fixpoint has not reached it): stay optimistic.
  if (a.k === 'never' || b.k === 'never') return T.never;
  const intLike = (t: SType) => t.k === 'int' || t.k === 'bool';
  const num = isNumeric(a) && isNumeric(b);
  const anyFloat = a.k === 'float' || b.k === 'float';
  switch (op) {
    case '+':
      if (num) return anyFloat ? T.float : T.int;
      if (a.k === b.k && (a.k === 'str' || a.k === 'list' || a.k === 'tuple')) return a;
      return T.any;
    case '-':
      return num ? (anyFloat ? T.float : T.int) : T.any;
    case '*':
      if (num) return anyFloat ? T.float : T.int;
      if ((a.k === 'str' || a.k === 'list' || a.k === 'tuple') && intLike(b)) return a;
      if ((b.k === 'str' || b.k === 'list' || b.k === 'tuple') && intLike(a)) return b;
      return T.any;
    case '/':
      return num ? T.float : T.any;
    case '//':
      return num ? (anyFloat ? T.float : T.int) : T.any;
    case '%':
      if (num) return anyFloat ? T.float : T.int;
      return a.k === 'str' ? T.str : T.any;
    case '**':
      if (num && anyFloat) return T.float;
      if (num && right?.kind === 'int' && right.value >= 0) return T.int;
      return T.any;
    default:
      return T.any;
  }
}
