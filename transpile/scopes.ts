/**
 * Python's scoping rules for functions as values (issue 8 item 3), as infer.ts and the
 * emitter need them: a function's locals (parameters, every name it assigns, every nested
 * def's name, minus what it declares `global` or `nonlocal`), the module variables
 * functions declare `global`, and `__qualname__` (compile.c compiler_set_qualname, 3.11).
 */
import type { Expr, FunctionDef, Stmt } from '../ir/program.ts';
import { assignedNames, type FunctionInfo } from './types.ts';
import { holdsKind } from './program-scan.ts';

/** Every parameter name in binding order: positional ones, `*args`, keyword-only ones, `**kwargs`. */
export function parameterNames(def: FunctionDef): string[] {
  const names = def.params.map((p) => p.name);
  if (def.vararg !== undefined) names.push(def.vararg);
  for (const p of def.kwonly ?? []) names.push(p.name);
  if (def.kwarg !== undefined) names.push(def.kwarg);
  return names;
}

/** Whether calls of `def` need the runtime's binding (`*args`, keyword-only parameters). */
export function hasExtendedSignature(def: FunctionDef): boolean {
  return def.vararg !== undefined || (def.kwonly?.length ?? 0) > 0 || def.kwarg !== undefined;
}

/** The names `body` declares `global` or `nonlocal` (not counting nested defs, which are scopes of their own). */
export function declaredNames(body: Stmt[], kind: 'global' | 'nonlocal', into: string[] = []): string[] {
  for (const s of body) {
    if (s.kind === kind) {
      for (const n of s.names) if (!into.includes(n)) into.push(n);
    } else if (s.kind === 'if') {
      declaredNames(s.body, kind, into);
      declaredNames(s.orelse, kind, into);
    } else if (s.kind === 'for' || s.kind === 'while' || s.kind === 'with') declaredNames(s.body, kind, into);
  }
  return into;
}

/** A function's locals: its parameters and what its body binds, minus `global`/`nonlocal` names (`walrus`: whether the program has a `:=`). */
export function functionLocals(def: FunctionDef, walrus: boolean): string[] {
  const declared = new Set([...declaredNames(def.body, 'global'), ...declaredNames(def.body, 'nonlocal')]);
  return assignedNames(def.body, parameterNames(def), walrus).filter((n) => !declared.has(n));
}

/** `__qualname__` of a def or lambda named `name` defined in `fn` (null: the module), maybe inside a comprehension. */
export function qualnameIn(fn: FunctionInfo | null, inComprehension: boolean, name: string): string {
  let prefix = fn === null ? '' : `${fn.qualname ?? fn.def.name}.<locals>.`;
  if (inComprehension) prefix += '<listcomp>.';
  return prefix + name;
}

/** Whether `e` (any IR subtree) holds a lambda: a comprehension around one keeps Python's late binding. */
export function containsLambda(e: Expr | Expr[] | unknown): boolean {
  return holdsKind(e, 'lambda');
}
