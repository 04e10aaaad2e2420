/**
 * Checks a Program that arrives from outside (a JSON file, a library caller, a worker's
 * answer) before anything prints or runs it: every node kind, operator, literal type and
 * identifier must be one that ir/program.ts allows, so no field can smuggle code into the
 * printed Python (`{"kind": "name", "id": "__import__('os')"}`, an operator `"+ x; y"`, a
 * call of `eval`...). The printer calls it too, so every printed program passed it.
 */
import { ASYNCIO_FUNCTIONS, BUILTINS, CLASS_DUNDERS, DATACLASS_OPTIONS, EXCEPTION_ATTRS, EXCEPTION_CLASSES, METHODS, STDLIB_CONSTANTS, STDLIB_FUNCTIONS, STDLIB_MODULES, type Program, type StdlibModule } from './program.ts';

/** An IR that is not one (exit 2 where a command reads it). */
export class IrInputError extends Error {
  override readonly name = 'IrInputError';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `keyword.kwlist` of CPython 3.11. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with',
  'yield',
]);

/**
 * Every non-dunder name in `dir(builtins)` of CPython 3.11.7: a program's own names never
 * equal one (the subset's builtins are IR kinds of their own, not names).
 */
export const PYTHON_BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BaseExceptionGroup',
  'BlockingIOError', 'BrokenPipeError', 'BufferError', 'BytesWarning', 'ChildProcessError',
  'ConnectionAbortedError', 'ConnectionError', 'ConnectionRefusedError', 'ConnectionResetError',
  'DeprecationWarning', 'EOFError', 'Ellipsis', 'EncodingWarning', 'EnvironmentError', 'Exception',
  'ExceptionGroup', 'False', 'FileExistsError', 'FileNotFoundError', 'FloatingPointError',
  'FutureWarning', 'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning', 'IndentationError',
  'IndexError', 'InterruptedError', 'IsADirectoryError', 'KeyError', 'KeyboardInterrupt',
  'LookupError', 'MemoryError', 'ModuleNotFoundError', 'NameError', 'None', 'NotADirectoryError',
  'NotImplemented', 'NotImplementedError', 'OSError', 'OverflowError', 'PendingDeprecationWarning',
  'PermissionError', 'ProcessLookupError', 'RecursionError', 'ReferenceError', 'ResourceWarning',
  'RuntimeError', 'RuntimeWarning', 'StopAsyncIteration', 'StopIteration', 'SyntaxError',
  'SyntaxWarning', 'SystemError', 'SystemExit', 'TabError', 'TimeoutError', 'True', 'TypeError',
  'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError',
  'UnicodeTranslateError', 'UnicodeWarning', 'UserWarning', 'ValueError', 'Warning',
  'ZeroDivisionError', 'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint',
  'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile', 'complex', 'copyright',
  'credits', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter',
  'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map',
  'max', 'memoryview', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property',
  'quit', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted',
  'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'vars', 'zip',
]);

/**
 * The builtins a module-level def may shadow (importer.py SHADOWABLE_BUILTINS: PEP 530 defines its
 * own `aiter`): names the subset never reads otherwise, so in a program that defines one it can
 * only mean that function.
 */
export const SHADOWABLE_BUILTINS: ReadonlySet<string> = new Set([
  'aiter', 'ascii', 'bin', 'callable', 'hex', 'oct', 'pow', 'id', 'input', 'complex', 'bytes', 'bytearray',
]);

const BIN_OPS = new Set(['+', '-', '*', '/', '//', '%', '**', '|', '&', '^']);
const UNARY_OPS = new Set(['-', '+', 'not']);
const CMP_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is', 'is not']);
const BUILTIN_SET: ReadonlySet<string> = new Set(BUILTINS);
const ASYNCIO_SET: ReadonlySet<string> = new Set(ASYNCIO_FUNCTIONS);
const METHOD_SET: ReadonlySet<string> = new Set(METHODS);
const EXCEPTION_CLASS_SET: ReadonlySet<string> = new Set(EXCEPTION_CLASSES);
const EXCEPTION_ATTR_SET: ReadonlySet<string> = new Set(EXCEPTION_ATTRS);
const CLASS_DUNDER_SET: ReadonlySet<string> = new Set(CLASS_DUNDERS);
const METHOD_DECORATORS = new Set(['staticmethod', 'classmethod', 'property', 'setter']);

/** Why `name` may not be an attribute or method name (any identifier but a keyword or a dunder; `dunders` lists the allowed ones). */
/** The one dunder a program may read of any value: `__name__` (a class's, a function's), a str. */
const READABLE_DUNDERS: ReadonlySet<string> = new Set(['__name__']);

function attributeProblem(name: unknown, dunders: ReadonlySet<string>): string | undefined {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) return `${JSON.stringify(name)} is not an ASCII identifier`;
  if (PYTHON_KEYWORDS.has(name)) return `${name} is a Python keyword`;
  if (name.startsWith('__') && name.endsWith('__') && name.length > 4 && !dunders.has(name)) return `${name} is a dunder name`;
  return undefined;
}

/** Why `name` may not be an identifier of a program, or undefined when it may. */
export function identifierProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return `is not a string (${JSON.stringify(name) ?? typeof name})`;
  if (!IDENTIFIER.test(name)) return `${JSON.stringify(name)} is not an ASCII identifier`;
  if (name.startsWith('__') && name.endsWith('__') && name.length > 4) return `${name} is a dunder name`;
  if (PYTHON_KEYWORDS.has(name)) return `${name} is a Python keyword`;
  if (PYTHON_BUILTIN_NAMES.has(name) || name === 'asyncio') return `${name} is a Python builtin`;
  return undefined;
}

/**
 * Returns `value` as a Program, or throws IrInputError naming the first bad field by its
 * JSON path (`functions[0].body[2].expr.id: "exec" is a Python builtin`).
 */
export function validateProgram(value: unknown, source = 'program'): Program {
  new Validator(source).program(value);
  return value as Program;
}

type Json = Record<string, unknown>;

class Validator {
  private functions = new Set<string>();
  /** How many `except` handlers enclose the statement being checked (a bare `raise` needs one). */
  private handlerDepth = 0;
  /** Function bodies around the node being checked (a class is module-level only). */
  private functionDepth = 0;
  /** Inside a method with a first parameter, outside nested defs: `super()` may be read. */
  private superAllowed = false;
  /** The modules the program imports besides asyncio: their names are never bound nor read as values. */
  private modules = new Set<string>();
  constructor(private readonly source: string) {}

  private fail(path: string, why: string): never {
    throw new IrInputError(`${this.source}: not a valid program IR: ${path}: ${why}`);
  }

  private object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Json;
  }

  private array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'expected an array');
    return value as unknown[];
  }

  private ident(value: unknown, path: string): void {
    if (typeof value === 'string' && SHADOWABLE_BUILTINS.has(value) && this.functions.has(value)) return; // the program's own def
    const problem = identifierProblem(value);
    if (problem) this.fail(path, problem);
  }

  private text(value: unknown, path: string): void {
    if (typeof value !== 'string') this.fail(path, 'expected a string');
  }

  private line(node: Json, path: string): void {
    if (node.line !== undefined && !(Number.isInteger(node.line) && (node.line as number) > 0)) this.fail(`${path}.line`, 'expected a positive integer');
  }

  program(value: unknown): void {
    const program = this.object(value, '$');
    if (program.header !== undefined) this.header(program.header);
    if (program.imports !== undefined) this.imports(program.imports);
    const functions = this.array(program.functions, 'functions');
    for (const [i, f] of functions.entries()) {
      const name = this.object(f, `functions[${i}]`).name;
      if (!(typeof name === 'string' && SHADOWABLE_BUILTINS.has(name))) this.ident(name, `functions[${i}].name`);
      this.notModule(name, `functions[${i}].name`);
      if (this.functions.has(name as string)) this.fail(`functions[${i}].name`, `${String(name)} is defined twice`);
      this.functions.add(name as string);
    }
    for (const [i, f] of functions.entries()) {
      this.functionDef(f as Json, `functions[${i}]`);
      this.contextDecorator(f as Json, `functions[${i}]`);
    }
    this.block(program.body, 'body');
  }

  /** `@contextlib.contextmanager` on a generator def, `asynccontextmanager` on an async one; contextlib imported. */
  private contextDecorator(f: Json, path: string): void {
    if (f.decorator === undefined) return;
    if (f.decorator !== 'contextmanager' && f.decorator !== 'asynccontextmanager') this.fail(`${path}.decorator`, `unknown decorator ${JSON.stringify(f.decorator)}`);
    if (!this.modules.has('contextlib')) this.fail(`${path}.decorator`, 'contextlib is not imported');
    if ((f.decorator === 'asynccontextmanager') !== f.isAsync) this.fail(`${path}.decorator`, `${String(f.decorator)} on ${f.isAsync ? 'an async def' : 'a def'}`);
    if (!JSON.stringify(f.body).includes('"kind":"yield')) this.fail(`${path}.decorator`, `${String(f.decorator)} on a function that never yields`);
  }

  private imports(value: unknown): void {
    for (const [i, m] of this.array(value, 'imports').entries()) {
      if (!(STDLIB_MODULES as readonly unknown[]).includes(m)) this.fail(`imports[${i}]`, `${JSON.stringify(m)} is not an importable module`);
      if (this.modules.has(m as string)) this.fail(`imports[${i}]`, `${String(m)} is imported twice`);
      this.modules.add(m as string);
    }
  }

  /** An imported module's name is not the program's to bind or read. */
  private notModule(name: unknown, path: string): void {
    if (this.modules.has(name as string)) this.fail(path, `${String(name)} is an imported module`);
  }

  private header(value: unknown): void {
    const header = this.object(value, 'header');
    // Header text prints as `#` comments, line breaks escaped (ir/python.ts): only its type matters.
    for (const key of ['generator', 'source', 'path'] as const) if (header[key] !== undefined) this.text(header[key], `header.${key}`);
    if (header.seed !== undefined && !Number.isSafeInteger(header.seed)) this.fail('header.seed', 'expected an integer');
    if (header.constraints !== undefined) this.object(header.constraints, 'header.constraints');
    if (header.notes !== undefined) {
      for (const [i, note] of this.array(header.notes, 'header.notes').entries()) this.text(note, `header.notes[${i}]`);
    }
  }

  private functionDef(f: Json, path: string): void {
    if (typeof f.isAsync !== 'boolean') this.fail(`${path}.isAsync`, 'expected a boolean');
    this.line(f, path);
    for (const [i, p] of this.array(f.params, `${path}.params`).entries()) {
      const param = this.object(p, `${path}.params[${i}]`);
      this.ident(param.name, `${path}.params[${i}].name`);
      this.notModule(param.name, `${path}.params[${i}].name`);
      if (this.functions.has(param.name as string)) this.fail(`${path}.params[${i}].name`, `${String(param.name)} shadows a function`);
      if (param.default !== undefined) this.expr(param.default, `${path}.params[${i}].default`);
    }
    this.signatureExtras(f, path);
    this.functionDepth++;
    this.enclosingDefs.push(f.isAsync === true);
    try {
      this.block(f.body, `${path}.body`);
    } finally {
      this.functionDepth--;
      this.enclosingDefs.pop();
    }
  }

  /** Whether each function around the node being read is an `async def` (innermost last): yield, async for. */
  private readonly enclosingDefs: boolean[] = [];

  /** Checks `what` is inside a function (`async`: an `async def`; false: a `def`). */
  private inDef(path: string, what: string, async?: boolean): void {
    const inner = this.enclosingDefs[this.enclosingDefs.length - 1];
    if (inner === undefined) this.fail(path, `${what} outside a function`);
    if (async !== undefined && inner !== async) this.fail(path, `${what} only inside ${async ? 'an async def' : 'a def'}`);
  }

  /** `*args` and keyword-only parameters (functions as values, issue 8 item 3). */
  private signatureExtras(f: Json, path: string): void {
    if (f.vararg !== undefined) {
      this.ident(f.vararg, `${path}.vararg`);
      if (this.functions.has(f.vararg as string)) this.fail(`${path}.vararg`, `${String(f.vararg)} shadows a function`);
    }
    if (f.kwarg !== undefined) {
      this.ident(f.kwarg, `${path}.kwarg`);
      if (this.functions.has(f.kwarg as string)) this.fail(`${path}.kwarg`, `${String(f.kwarg)} shadows a function`);
    }
    if (f.kwonly === undefined) return;
    for (const [i, p] of this.array(f.kwonly, `${path}.kwonly`).entries()) {
      const param = this.object(p, `${path}.kwonly[${i}]`);
      this.ident(param.name, `${path}.kwonly[${i}].name`);
      if (this.functions.has(param.name as string)) this.fail(`${path}.kwonly[${i}].name`, `${String(param.name)} shadows a function`);
      if (param.default !== undefined) this.expr(param.default, `${path}.kwonly[${i}].default`);
    }
  }

  /** A nested `def` or a lambda: a function of its own, never named like a module function. */
  private nestedDef(value: unknown, path: string, lambda: boolean): void {
    const f = this.object(value, path);
    if (f.decorator !== undefined) this.fail(`${path}.decorator`, 'a decorator on a nested def');
    if (lambda) {
      if (f.name !== '<lambda>') this.fail(`${path}.name`, 'a lambda is named <lambda>');
      const body = this.array(f.body, `${path}.body`);
      if (body.length !== 1 || this.object(body[0], `${path}.body[0]`).kind !== 'return') this.fail(`${path}.body`, 'a lambda body is one return');
    } else {
      this.ident(f.name, `${path}.name`);
      if (this.functions.has(f.name as string)) this.fail(`${path}.name`, `${String(f.name)} redefines a function`);
    }
    const outer = this.superAllowed;
    this.superAllowed = false;
    try {
      this.functionDef(f, path);
    } finally {
      this.superAllowed = outer;
    }
  }

  /** A module-level `class` (ir/program.ts ClassDef). */
  private classDef(value: unknown, path: string): void {
    if (this.functionDepth > 0) this.fail(path, 'a class inside a function');
    const c = this.object(value, path);
    this.ident(c.name, `${path}.name`);
    this.notModule(c.name, `${path}.name`);
    if (this.functions.has(c.name as string)) this.fail(`${path}.name`, `${String(c.name)} redefines a function`);
    this.line(c, path);
    if (c.dataclass !== undefined && c.dataclass !== 'dataclass' && c.dataclass !== 'dataclasses.dataclass') this.fail(`${path}.dataclass`, 'expected "dataclass" or "dataclasses.dataclass"');
    if (c.namedTuple !== undefined) {
      if (c.namedTuple !== 'NamedTuple' && c.namedTuple !== 'typing.NamedTuple') this.fail(`${path}.namedTuple`, 'expected "NamedTuple" or "typing.NamedTuple"');
      if (c.base !== undefined || c.dataclass !== undefined) this.fail(`${path}.namedTuple`, 'a NamedTuple class has no other base and no @dataclass');
    }
    if (c.dataclassOptions !== undefined) {
      if (c.dataclass === undefined) this.fail(`${path}.dataclassOptions`, 'options of a dataclass only');
      for (const [k, v] of Object.entries(this.object(c.dataclassOptions, `${path}.dataclassOptions`))) {
        if (!(DATACLASS_OPTIONS as readonly string[]).includes(k) || typeof v !== 'boolean') this.fail(`${path}.dataclassOptions.${k}`, `expected one of ${DATACLASS_OPTIONS.join(', ')} as a boolean`);
      }
    }
    if (c.base !== undefined) {
      const kind = this.object(c.base, `${path}.base`).kind;
      if (kind !== 'name' && kind !== 'excClass') this.fail(`${path}.base`, 'a base is a class name or an exception class');
      this.expr(c.base, `${path}.base`);
    }
    for (const [i, m] of this.array(c.body, `${path}.body`).entries()) {
      const mp = `${path}.body[${i}]`;
      const member = this.object(m, mp);
      this.line(member, mp);
      if (member.kind === 'pass') continue;
      if (member.kind === 'attr') {
        const problem = attributeProblem(member.name, new Set());
        if (problem) this.fail(`${mp}.name`, problem);
        if (member.annotated !== undefined && (member.annotated !== true || (c.dataclass === undefined && c.namedTuple === undefined))) this.fail(`${mp}.annotated`, 'a field of a dataclass or a NamedTuple only');
        if (member.value === undefined && member.annotated !== true) this.fail(`${mp}.value`, 'a class attribute has a value');
        if (member.value !== undefined) this.expr(member.value, `${mp}.value`);
        continue;
      }
      if (member.kind !== 'method') this.fail(`${mp}.kind`, `unknown class member kind ${JSON.stringify(member.kind)}`);
      if (member.decorator !== undefined && !METHOD_DECORATORS.has(member.decorator as string)) this.fail(`${mp}.decorator`, `unknown decorator ${JSON.stringify(member.decorator)}`);
      const def = this.object(member.def, `${mp}.def`);
      const problem = attributeProblem(def.name, CLASS_DUNDER_SET);
      if (problem) this.fail(`${mp}.def.name`, problem);
      const outer = this.superAllowed;
      this.superAllowed = member.decorator !== 'staticmethod' && this.array(def.params, `${mp}.def.params`).length > 0;
      try {
        this.functionDef(def, `${mp}.def`);
      } finally {
        this.superAllowed = outer;
      }
    }
  }

  private block(value: unknown, path: string): void {
    for (const [i, s] of this.array(value, path).entries()) this.stmt(s, `${path}[${i}]`);
  }

  private stmt(value: unknown, path: string): void {
    const s = this.object(value, path);
    this.line(s, path);
    switch (s.kind) {
      case 'expr':
        return this.expr(s.expr, `${path}.expr`);
      case 'assign':
        this.target(s.target, `${path}.target`);
        return this.expr(s.value, `${path}.value`);
      case 'augAssign':
        this.target(s.target, `${path}.target`);
        if (!BIN_OPS.has(s.op as string)) this.fail(`${path}.op`, `unknown operator ${JSON.stringify(s.op)}`);
        return this.expr(s.value, `${path}.value`);
      case 'return':
        if (s.value !== undefined) this.expr(s.value, `${path}.value`);
        return;
      case 'if':
        this.expr(s.test, `${path}.test`);
        this.block(s.body, `${path}.body`);
        return this.block(s.orelse, `${path}.orelse`);
      case 'for':
        if (s.isAsync !== undefined && s.isAsync !== true) this.fail(`${path}.isAsync`, 'expected true');
        if (s.isAsync === true) this.inDef(path, 'async for', true);
        this.target(s.target, `${path}.target`);
        this.expr(s.iter, `${path}.iter`);
        return this.block(s.body, `${path}.body`);
      case 'while':
        this.expr(s.test, `${path}.test`);
        return this.block(s.body, `${path}.body`);
      case 'break':
      case 'continue':
      case 'pass':
        return;
      case 'def':
        return this.nestedDef(s.def, `${path}.def`, false);
      case 'global':
      case 'nonlocal':
        for (const [i, n] of this.array(s.names, `${path}.names`).entries()) {
          this.ident(n, `${path}.names[${i}]`);
          if (this.functions.has(n as string)) this.fail(`${path}.names[${i}]`, `declares the function ${String(n)}`);
        }
        return;
      case 'delete':
        for (const [i, t] of this.array(s.targets, `${path}.targets`).entries()) {
          const kind = this.object(t, `${path}.targets[${i}]`).kind;
          if (kind !== 'subscript' && kind !== 'attr') this.fail(`${path}.targets[${i}]`, 'expected a subscript or an attribute');
          this.target(t, `${path}.targets[${i}]`);
        }
        return;
      case 'try':
      case 'raise':
      case 'assert':
        return this.exceptionStmt(s, path);
      case 'class':
        return this.classDef(s.def, `${path}.def`);
      case 'with':
        return this.withStmt(s, path);
      default:
        this.fail(`${path}.kind`, `unknown statement kind ${JSON.stringify(s.kind)}`);
    }
  }

  /** `with`/`async with` (issue 9): at least one item, each a context expression and an optional target. */
  private withStmt(s: Record<string, unknown>, path: string): void {
    if (typeof s.isAsync !== 'boolean') this.fail(`${path}.isAsync`, 'expected a boolean');
    const items = this.array(s.items, `${path}.items`);
    if (items.length === 0) this.fail(`${path}.items`, 'a with statement has at least one item');
    for (const [i, item] of items.entries()) {
      const it = this.object(item, `${path}.items[${i}]`);
      this.expr(it.context, `${path}.items[${i}].context`);
      if (it.target !== undefined) this.target(it.target, `${path}.items[${i}].target`);
    }
    this.block(s.body, `${path}.body`);
  }

  /** `comprehension`: a comprehension's target, in a scope of its own, may shadow a def (PEP 530's `for fun in funcs`). */
  private target(value: unknown, path: string, comprehension = false): void {
    const t = this.object(value, path);
    switch (t.kind) {
      case 'name':
        this.ident(t.id, `${path}.id`);
        this.notModule(t.id, `${path}.id`);
        if (this.functions.has(t.id as string) && !comprehension) this.fail(`${path}.id`, `assigns the function ${String(t.id)}`);
        return;
      case 'subscript':
        this.expr(t.value, `${path}.value`);
        if ((t.index as { kind?: unknown } | null)?.kind === 'slice') return this.expr({ kind: 'subscript', value: { kind: 'none' }, index: t.index }, `${path}`);
        return this.expr(t.index, `${path}.index`);
      case 'tuple': {
        const elts = this.array(t.elts, `${path}.elts`);
        for (const [i, e] of elts.entries()) {
          const element = this.object(e, `${path}.elts[${i}]`);
          this.target(element.kind === 'starred' ? element.target : e, `${path}.elts[${i}]`, comprehension);
        }
        if (elts.filter((e) => (e as { kind?: unknown }).kind === 'starred').length > 1) this.fail(`${path}.elts`, 'two starred targets');
        return;
      }
      case 'attr':
        return this.attr(t, path);
      default:
        this.fail(`${path}.kind`, `unknown target kind ${JSON.stringify(t.kind)}`);
    }
  }

  private exprs(value: unknown, path: string): void {
    for (const [i, e] of this.array(value, path).entries()) this.expr(e, `${path}[${i}]`);
  }

  private keywords(value: unknown, path: string): void {
    for (const [i, k] of this.array(value, path).entries()) {
      const keyword = this.object(k, `${path}[${i}]`);
      // A keyword names a parameter, never a variable: `field(repr=False)` is fine, a dunder or a keyword is not.
      const problem = keyword.name === '**' ? undefined : attributeProblem(keyword.name, new Set());
      if (problem) this.fail(`${path}[${i}].name`, problem);
      this.expr(keyword.value, `${path}[${i}].value`);
    }
  }

  private expr(value: unknown, path: string): void {
    const e = this.object(value, path);
    switch (e.kind) {
      case 'int':
        if (!Number.isSafeInteger(e.value)) this.fail(`${path}.value`, 'expected an integer within 2**53');
        return;
      case 'float':
        if (typeof e.value !== 'number') this.fail(`${path}.value`, 'expected a number');
        return;
      case 'str':
        return this.text(e.value, `${path}.value`);
      case 'bool':
        if (typeof e.value !== 'boolean') this.fail(`${path}.value`, 'expected a boolean');
        return;
      case 'none':
        return;
      case 'name':
        this.ident(e.id, `${path}.id`);
        this.notModule(e.id, `${path}.id`);
        return;
      case 'list':
      case 'tuple':
        return this.exprs(e.elts, `${path}.elts`);
      case 'binOp':
        if (!BIN_OPS.has(e.op as string)) this.fail(`${path}.op`, `unknown operator ${JSON.stringify(e.op)}`);
        this.expr(e.left, `${path}.left`);
        return this.expr(e.right, `${path}.right`);
      case 'unaryOp':
        if (!UNARY_OPS.has(e.op as string)) this.fail(`${path}.op`, `unknown operator ${JSON.stringify(e.op)}`);
        return this.expr(e.operand, `${path}.operand`);
      case 'boolOp':
        if (e.op !== 'and' && e.op !== 'or') this.fail(`${path}.op`, `unknown operator ${JSON.stringify(e.op)}`);
        if (this.array(e.values, `${path}.values`).length < 2) this.fail(`${path}.values`, 'expected two or more values');
        return this.exprs(e.values, `${path}.values`);
      case 'compare': {
        const ops = this.array(e.ops, `${path}.ops`);
        for (const [i, op] of ops.entries()) if (!CMP_OPS.has(op as string)) this.fail(`${path}.ops[${i}]`, `unknown operator ${JSON.stringify(op)}`);
        if (ops.length === 0 || ops.length !== this.array(e.comparators, `${path}.comparators`).length) this.fail(`${path}.ops`, 'expected one operator per comparator');
        this.expr(e.left, `${path}.left`);
        return this.exprs(e.comparators, `${path}.comparators`);
      }
      case 'ifExp':
        this.expr(e.test, `${path}.test`);
        this.expr(e.body, `${path}.body`);
        return this.expr(e.orelse, `${path}.orelse`);
      case 'subscript':
        this.expr(e.value, `${path}.value`);
        if ((e.index as { kind?: unknown } | null)?.kind === 'slice') {
          const s = this.object(e.index, `${path}.index`);
          for (const part of ['lower', 'upper', 'step']) if (s[part] !== undefined) this.expr(s[part], `${path}.index.${part}`);
          return;
        }
        return this.expr(e.index, `${path}.index`);
      case 'dict':
        if (this.array(e.keys, `${path}.keys`).length !== this.array(e.values, `${path}.values`).length) this.fail(`${path}.keys`, 'expected one value per key');
        this.exprs(e.keys, `${path}.keys`);
        return this.exprs(e.values, `${path}.values`);
      case 'set':
        if (this.array(e.elts, `${path}.elts`).length === 0) this.fail(`${path}.elts`, 'an empty set display');
        return this.exprs(e.elts, `${path}.elts`);
      case 'namedExpr':
        this.ident(e.target, `${path}.target`);
        if (this.functions.has(e.target as string)) this.fail(`${path}.target`, `assigns the function ${String(e.target)}`);
        return this.expr(e.value, `${path}.value`);
      case 'dictComp':
      case 'setComp':
      case 'listComp':
        if (e.kind === 'dictComp') this.expr(e.key, `${path}.key`);
        this.expr(e.kind === 'dictComp' ? e.value : e.elt, `${path}.${e.kind === 'dictComp' ? 'value' : 'elt'}`);
        for (const [i, g] of this.array(e.generators, `${path}.generators`).entries()) {
          const generator = this.object(g, `${path}.generators[${i}]`);
          this.target(generator.target, `${path}.generators[${i}].target`, true);
          this.expr(generator.iter, `${path}.generators[${i}].iter`);
          this.exprs(generator.ifs, `${path}.generators[${i}].ifs`);
          if (generator.isAsync !== undefined && generator.isAsync !== true) this.fail(`${path}.generators[${i}].isAsync`, 'expected true');
          if (generator.isAsync === true) this.inDef(`${path}.generators[${i}]`, 'an async comprehension', true);
        }
        return;
      case 'fstring':
        for (const [i, part] of this.array(e.parts, `${path}.parts`).entries()) {
          if (typeof part === 'string') continue;
          const field = this.object(part, `${path}.parts[${i}]`);
          this.expr(field.value, `${path}.parts[${i}].value`);
          if (field.conversion !== undefined && field.conversion !== 'r' && field.conversion !== 's') this.fail(`${path}.parts[${i}].conversion`, 'expected "r" or "s"');
          if (field.spec !== undefined) this.text(field.spec, `${path}.parts[${i}].spec`);
        }
        return;
      case 'await':
        return this.expr(e.value, `${path}.value`);
      case 'starred':
        return this.expr(e.value, `${path}.value`);
      case 'call':
        if (!this.functions.has(e.func as string)) this.fail(`${path}.func`, `${JSON.stringify(e.func)} is not a function of the program`);
        this.exprs(e.args, `${path}.args`);
        return this.keywords(e.keywords, `${path}.keywords`);
      case 'builtin':
      case 'asyncio':
      case 'method': {
        const [field, allowed] = e.kind === 'builtin' ? ['func', BUILTIN_SET] : e.kind === 'asyncio' ? ['func', ASYNCIO_SET] : ['method', METHOD_SET];
        if (!allowed.has(e[field] as string)) this.fail(`${path}.${field}`, `${JSON.stringify(e[field])} is not a listed ${e.kind}`);
        if (e.kind === 'method') this.expr(e.object, `${path}.object`);
        // The importer reads str.format only on a literal template (its fields checked there).
        if (e.kind === 'method' && e.method === 'format' && (e.object as Json).kind !== 'str') this.fail(`${path}.object`, 'str.format on a template that is not a string literal');
        this.exprs(e.args, `${path}.args`);
        return this.keywords(e.keywords, `${path}.keywords`);
      }
      case 'lambda':
        return this.nestedDef(e.def, `${path}.def`, true);
      case 'callValue':
      case 'partial':
        this.expr(e.func, `${path}.func`);
        this.exprs(e.args, `${path}.args`);
        return this.keywords(e.keywords, `${path}.keywords`);
      case 'excClass':
      case 'excCall':
        if (!EXCEPTION_CLASS_SET.has(e.name as string)) this.fail(`${path}.name`, `${JSON.stringify(e.name)} is not a listed exception class`);
        if (e.kind === 'excCall') this.exprs(e.args, `${path}.args`);
        return;
      case 'isinstance':
        this.expr(e.value, `${path}.value`);
        return this.expr(e.types, `${path}.types`);
      case 'typeName':
        return this.expr(e.value, `${path}.value`);
      case 'excAttr':
        if (!EXCEPTION_ATTR_SET.has(e.attr as string)) this.fail(`${path}.attr`, `${JSON.stringify(e.attr)} is not a listed exception attribute`);
        return this.expr(e.object, `${path}.object`);
      case 'builtinValue':
        if (!BUILTIN_SET.has(e.name as string)) this.fail(`${path}.name`, `${JSON.stringify(e.name)} is not a builtin that may be used as a value`);
        return;
      case 'slice':
        return this.fail(`${path}.kind`, 'a slice outside a subscript');
      case 'stdlib':
      case 'stdlibConst': {
        if (!this.modules.has(e.module as string)) this.fail(`${path}.module`, `${JSON.stringify(e.module)} is not imported`);
        const [field, listed] = e.kind === 'stdlib' ? ['func', STDLIB_FUNCTIONS] : ['name', STDLIB_CONSTANTS];
        if (!listed[e.module as StdlibModule].includes(e[field] as string)) this.fail(`${path}.${field}`, `${JSON.stringify(e[field])} is not a listed member of ${String(e.module)}`);
        if (e.kind === 'stdlibConst') return;
        this.exprs(e.args, `${path}.args`);
        return this.keywords(e.keywords, `${path}.keywords`);
      }
      case 'attr':
        return this.attr(e, path);
      case 'super':
        return this.fail(`${path}.kind`, 'super() outside an attribute read');
      case 'genExp':
        this.expr(e.elt, `${path}.elt`);
        for (const [i, g] of this.array(e.generators, `${path}.generators`).entries()) {
          const generator = this.object(g, `${path}.generators[${i}]`);
          if (generator.isAsync !== undefined) this.fail(`${path}.generators[${i}].isAsync`, 'an async generator expression');
          this.target(generator.target, `${path}.generators[${i}].target`, true);
          this.expr(generator.iter, `${path}.generators[${i}].iter`);
          this.exprs(generator.ifs, `${path}.generators[${i}].ifs`);
        }
        if (JSON.stringify(e).includes('"kind":"await"')) this.fail(path, 'an await inside a generator expression');
        return;
      case 'yield':
        this.inDef(path, 'yield');
        if (e.value !== undefined) this.expr(e.value, `${path}.value`);
        return;
      case 'yieldFrom':
        this.inDef(path, 'yield from', false);
        return this.expr(e.value, `${path}.value`);
      default:
        this.fail(`${path}.kind`, `unknown expression kind ${JSON.stringify(e.kind)}`);
    }
  }

  /** `obj.name` (a read or a target): any identifier; a dunder of CLASS_DUNDERS only on `super()`, which only a method reads. */
  private attr(e: Json, path: string): void {
    const object = this.object(e.object, `${path}.object`);
    const onSuper = object.kind === 'super';
    const problem = attributeProblem(e.name, onSuper ? CLASS_DUNDER_SET : READABLE_DUNDERS);
    if (problem) this.fail(`${path}.name`, problem);
    if (!onSuper) return this.expr(object, `${path}.object`);
    if (!this.superAllowed) this.fail(`${path}.object`, 'super() outside a method');
  }

  /** `try`, `raise`, `assert` (ir/program.ts TryStmt, RaiseStmt, AssertStmt). */
  private exceptionStmt(s: Json, path: string): void {
    if (s.kind === 'assert') {
      this.expr(s.test, `${path}.test`);
      if (s.msg !== undefined) this.expr(s.msg, `${path}.msg`);
      return;
    }
    if (s.kind === 'raise') {
      if (s.exc === undefined) {
        if (s.cause !== undefined) this.fail(`${path}.cause`, 'a bare raise has no cause');
        if (this.handlerDepth === 0) this.fail(path, 'a bare raise outside an except handler');
        return;
      }
      this.expr(s.exc, `${path}.exc`);
      if (s.cause !== undefined) this.expr(s.cause, `${path}.cause`);
      return;
    }
    this.block(s.body, `${path}.body`);
    const handlers = this.array(s.handlers, `${path}.handlers`);
    for (const [i, h] of handlers.entries()) {
      const hp = `${path}.handlers[${i}]`;
      const handler = this.object(h, hp);
      this.line(handler, hp);
      if (s.star !== undefined && typeof s.star !== 'boolean') this.fail(`${path}.star`, 'expected a boolean');
      if (s.star === true) {
        if (handler.type === undefined) this.fail(`${hp}.type`, 'an except* handler names a type');
        if (/"kind":"(return|break|continue)"/.test(JSON.stringify(handler.body))) this.fail(`${hp}.body`, "'break', 'continue' and 'return' cannot appear in an except* block");
      }
      if (handler.type === undefined) {
        if (i !== handlers.length - 1) this.fail(hp, 'a bare except must be the last handler');
        if (handler.name !== undefined) this.fail(`${hp}.name`, 'a bare except binds no name');
      } else this.expr(handler.type, `${hp}.type`);
      if (handler.name !== undefined) {
        this.ident(handler.name, `${hp}.name`);
        if (this.functions.has(handler.name as string)) this.fail(`${hp}.name`, `assigns the function ${String(handler.name)}`);
      }
      this.handlerDepth++;
      try {
        this.block(handler.body, `${hp}.body`);
      } finally {
        this.handlerDepth--;
      }
    }
    this.block(s.orelse, `${path}.orelse`);
    this.block(s.finalbody, `${path}.finalbody`);
    const finals = this.array(s.finalbody, `${path}.finalbody`).length;
    if (handlers.length === 0 && finals === 0) this.fail(path, 'a try needs an except handler or a finally');
    if (handlers.length === 0 && this.array(s.orelse, `${path}.orelse`).length > 0) this.fail(`${path}.orelse`, 'an else needs an except handler');
  }
}
