/**
 * Cheap static types for the emitted TypeScript: enough to declare `let v: bigint` and use
 * native `a + b` where both sides are known ints, and `PyValue` (with runtime dispatch)
 * everywhere else. A flow-insensitive fixpoint over the whole program: a variable's type is
 * the join of everything assigned to it, a parameter's the join of every call site's
 * argument (and its default), a function's result the join of its returns.
 */
import type { Expr, FunctionDef, Stmt, Target } from '../ir/program.ts';

export type SType =
  | { k: 'int' | 'float' | 'str' | 'bool' | 'none' | 'list' | 'tuple' | 'range' | 'any' | 'never' }
  | { k: 'coro' | 'task' | 'future'; of: SType };

export const T = {
  int: { k: 'int' },
  float: { k: 'float' },
  str: { k: 'str' },
  bool: { k: 'bool' },
  none: { k: 'none' },
  list: { k: 'list' },
  tuple: { k: 'tuple' },
  range: { k: 'range' },
  any: { k: 'any' },
  never: { k: 'never' },
} as const satisfies Record<string, SType>;

export function coro(of: SType): SType {
  return { k: 'coro', of };
}

export function sameType(a: SType, b: SType): boolean {
  if (a.k !== b.k) return false;
  return !('of' in a) || sameType(a.of, (b as { of: SType }).of);
}

function depth(t: SType): number {
  return 'of' in t ? 1 + depth(t.of) : 0;
}

/** Least upper bound; nesting deeper than 3 (a coroutine of a coroutine of...) gives up. */
export function join(a: SType, b: SType): SType {
  if (a.k === 'never') return b;
  if (b.k === 'never') return a;
  if (sameType(a, b)) return a;
  if ('of' in a && 'of' in b && a.k === b.k) {
    const of = join(a.of, b.of);
    return depth(of) > 3 ? T.any : { k: a.k, of };
  }
  return T.any;
}

/** The TypeScript type for a static type (`asyncio` and runtime names as the module imports them). */
export function tsType(t: SType): string {
  switch (t.k) {
    case 'int':
      return 'bigint';
    case 'float':
      return 'number';
    case 'str':
      return 'string';
    case 'bool':
      return 'boolean';
    case 'none':
      return 'null';
    case 'list':
      return 'PyValue[]';
    case 'tuple':
      return 'PyTuple';
    case 'range':
      return 'PyRange';
    case 'coro':
      return `asyncio.Coroutine<${tsType(t.of)}>`;
    case 'task':
      return `asyncio.Task<${tsType(t.of)}>`;
    case 'future':
      return `asyncio.Future<${tsType(t.of)}>`;
    default:
      return 'PyValue';
  }
}

export const isNumeric = (t: SType): boolean => t.k === 'int' || t.k === 'float' || t.k === 'bool';

// ---------------------------------------------------------------------------- scopes

/** What the emitter needs to know about one `def`. */
export interface FunctionInfo {
  def: FunctionDef;
  /** Parameters, then every other name the body assigns (Python's function-scoped locals). */
  locals: string[];
  /** A plain `def` that must be a JS async function: it reaches `asyncio.run`. */
  jsAsync: boolean;
  /** Referenced as a value, or called in ways not bound statically: parameters are `PyValue`. */
  dynamic: boolean;
  /** A nested def or lambda: the scope it is defined in (its free names resolve there); its locals are all `any`. */
  enclosing?: { fn: FunctionInfo | null; comprehensions: Array<Map<string, SType>> };
  /** Names the body declares `global` (they are module variables, not locals). */
  globalNames?: string[];
  /** `__qualname__` (`outer.<locals>.inner`); the def's name when absent. */
  qualname?: string;
}

/** The scope and type facts of a whole program. */
export interface ProgramInfo {
  functions: Map<string, FunctionInfo>;
  /** Names the module body assigns. */
  globals: string[];
  /** scope → name → type; scope '' is the module, else the function's name (two maps: no key string made per lookup). */
  vars: Map<string, Map<string, SType>>;
  /** Function name → result type (of the coroutine, for an `async def`). */
  returns: Map<string, SType>;
}

export function targetNames(target: Target, into: string[] = []): string[] {
  if (target.kind === 'name') {
    if (!into.includes(target.id)) into.push(target.id);
  } else if (target.kind === 'tuple') for (const t of target.elts) targetNames(t, into);
  else if (target.kind === 'starred') targetNames(target.target, into);
  return into;
}

/**
 * Names assigned by these statements (not inside comprehensions, which have their own scope).
 * `walrus`: whether a `:=` may be in `body` (infer.ts asks once per program: most have none, and
 * walking every statement's subtree again at each level of nesting was a tenth of emitting).
 */
export function assignedNames(body: Stmt[], into: string[] = [], walrus = true): string[] {
  for (const s of body) {
    if (walrus && s.kind !== 'class') walrusNames(s, into); // a method's walrus binds in the method
    switch (s.kind) {
      case 'assign':
      case 'augAssign':
        targetNames(s.target, into);
        break;
      case 'for':
        targetNames(s.target, into);
        assignedNames(s.body, into, walrus);
        break;
      case 'while':
        assignedNames(s.body, into, walrus);
        break;
      case 'with':
        for (const item of s.items) if (item.target) targetNames(item.target, into);
        assignedNames(s.body, into, walrus);
        break;
      case 'if':
        assignedNames(s.body, into, walrus);
        assignedNames(s.orelse, into, walrus);
        break;
      case 'def':
        if (!into.includes(s.def.name)) into.push(s.def.name);
        break;
      case 'class':
        if (!into.includes(s.def.name)) into.push(s.def.name);
        break;
      case 'try':
        assignedNames(s.body, into, walrus);
        for (const h of s.handlers) {
          if (h.name !== undefined && !into.includes(h.name)) into.push(h.name);
          assignedNames(h.body, into, walrus);
        }
        assignedNames(s.orelse, into, walrus);
        assignedNames(s.finalbody, into, walrus);
        break;
    }
  }
  return into;
}

/** Targets of `(n := ...)` anywhere in `node`: they bind in the enclosing function, comprehensions too. */
function walrusNames(node: unknown, into: string[]): void {
  if (Array.isArray(node)) for (const n of node) walrusNames(n, into);
  else if (node !== null && typeof node === 'object') {
    const e = node as { kind?: unknown; target?: unknown };
    if (e.kind === 'namedExpr' && typeof e.target === 'string' && !into.includes(e.target)) into.push(e.target);
    for (const v of Object.values(node)) walrusNames(v, into);
  }
}

/** True when control can never run past the end of `body` (so no implicit `return None`). */
export function terminates(body: Stmt[]): boolean {
  return body.some((s) => {
    if (s.kind === 'return') return true;
    if (s.kind === 'if') return terminates(s.body) && terminates(s.orelse);
    if (s.kind === 'while') return isAlwaysTrue(s.test) && !breaks(s.body);
    if (s.kind === 'raise') return true;
    if (s.kind === 'try') return terminates(s.finalbody) || ((terminates(s.body) || terminates(s.orelse)) && s.handlers.every((h) => terminates(h.body)));
    return false;
  });
}

/** A literal test that is always true (`while True:`, `while 1:`). */
export function isAlwaysTrue(e: Expr): boolean {
  return (e.kind === 'bool' && e.value) || (e.kind === 'int' && e.value !== 0);
}

function breaks(body: Stmt[]): boolean {
  return body.some((s) => {
    if (s.kind === 'break') return true;
    if (s.kind === 'if') return breaks(s.body) || breaks(s.orelse);
    if (s.kind === 'with') return breaks(s.body);
    if (s.kind === 'try') return breaks(s.body) || s.handlers.some((h) => breaks(h.body)) || breaks(s.orelse) || breaks(s.finalbody);
    return false; // a nested loop's break is its own
  });
}

/** The element type `for x in <t>` yields. */
export function elementType(t: SType): SType {
  if (t.k === 'range') return T.int;
  if (t.k === 'str') return T.str;
  return T.any;
}
