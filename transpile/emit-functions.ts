/**
 * Pieces of the emitter for functions as values (issue 8 item 3) that need no emitter state:
 * a function's signature as the runtime's `Signature` literal, and which module functions the
 * program reads as values (each gets one `py.func` object, made right after its definition).
 */
import type { Expr, FunctionDef, Keyword, Param, Program } from '../ir/program.ts';
import { tsString } from './names.ts';
import type { ProgramScan } from './program-scan.ts';

/** `{ params: [...], vararg: 'args', kwonly: [...] }`, each default's code from `defaultCode` (evaluated where this literal is). */
export function signatureCode(def: FunctionDef, defaultCode: (p: Param, index: number, kwonly: boolean) => string): string {
  const spec = (p: Param, k: number, kwonly: boolean) =>
    `{ name: ${tsString(p.name)}, hasDefault: ${p.default !== undefined}${p.default ? `, default: ${defaultCode(p, k, kwonly)}` : ''} }`;
  const parts = [`params: [${def.params.map((p, k) => spec(p, k, false)).join(', ')}]`];
  if (def.vararg !== undefined) parts.push(`vararg: ${tsString(def.vararg)}`);
  if (def.kwonly && def.kwonly.length > 0) parts.push(`kwonly: [${def.kwonly.map((p, k) => spec(p, k, true)).join(', ')}]`);
  if (def.kwarg !== undefined) parts.push(`kwarg: ${tsString(def.kwarg)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The TypeScript constant holding module function `tsName` as a value (`$` keeps it apart from every Python name and temporary). */
export function functionValueName(tsName: string): string {
  return `$fn$${tsName}`;
}

/** Names of `program.functions` read as values anywhere (`f = worker`, `run_all([a, b])`). */
export function functionsUsedAsValues(program: Program, scan: ProgramScan): Set<string> {
  // A target `{kind: 'name'}` never names a function (the validator refuses it), so any name of one is a read.
  return new Set(program.functions.map((f) => f.name).filter((name) => scan.namesRead.has(name)));
}

/**
 * A call's keyword arguments: `{ a: x, b: y }`, or with a `**mapping` among them the list
 * `py.keywordList('a', x, '**', d)` (names and values alternating, evaluated in order) that the
 * runtime unpacks when it calls (runtime/functions.ts unpackKeywords).
 */
export function keywordsCode(keywords: Keyword[], code: (e: Expr) => string): string {
  if (!keywords.some((k) => k.name === '**')) return `{ ${keywords.map((k) => `${tsKey(k.name)}: ${code(k.value)}`).join(', ')} }`;
  return `py.keywordList(${keywords.map((k) => `${tsString(k.name)}, ${code(k.value)}`).join(', ')})`;
}

function tsKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name);
}
