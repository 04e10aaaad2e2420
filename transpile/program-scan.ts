/**
 * The facts the emitter asks of a whole program, from ONE walk over it: whether it has a
 * `:=`, names StopIteration, which asyncio functions it calls, which module variables its
 * functions declare `global`, which names it reads.
 *
 * Why one walk: each fact used to be a walk of its own (or a `JSON.stringify` of the program
 * searched as text), and together they were a fifth of the time to emit a program
 * (bench/transpile.ts). The walk visits what `JSON.stringify` would print, in its order: every
 * own enumerable property of every object and every element of every array, so a fact read
 * from the JSON text (`"kind":"namedExpr"`) is the same fact read here (`kind === 'namedExpr'`:
 * a quote inside a string value is escaped in JSON, so the text matched only real properties).
 */
import type { Program } from '../ir/program.ts';

export interface ProgramScan {
  /** A `:=` anywhere (assignedNames walks for its targets only then). */
  readonly walrus: boolean;
  /** `StopIteration` named anywhere, or `next()` called (it raises StopIteration too): PEP 479's wrapper is needed. */
  readonly namesStopIteration: boolean;
  /** A lambda anywhere: without one, no comprehension holds one (scopes.ts containsLambda). */
  readonly lambda: boolean;
  /** Every `asyncio.<func>(...)` the program calls. */
  readonly asyncioFuncs: ReadonlySet<string>;
  /** Whether a method named `create_task` is called (`loop.create_task`, `tg.create_task`). */
  readonly createTaskMethod: boolean;
  /** Every name declared `global` in the program's functions, in the order first declared. */
  readonly globalDeclarations: readonly string[];
  /** Every `{kind: 'name'}` id in the functions and the module body (reads: a target never names a function). */
  readonly namesRead: ReadonlySet<string>;
}

interface Scanning {
  walrus: boolean;
  namesStopIteration: boolean;
  lambda: boolean;
  asyncioFuncs: Set<string>;
  createTaskMethod: boolean;
  globalDeclarations: string[];
  namesRead: Set<string>;
}

/** Where the walk is: the functions (globals and reads count), the module body (reads count), elsewhere (the header). */
const enum Part {
  Functions,
  Body,
  Other,
}

export function scanProgram(program: Program): ProgramScan {
  const s: Scanning = { walrus: false, namesStopIteration: false, lambda: false, asyncioFuncs: new Set(), createTaskMethod: false, globalDeclarations: [], namesRead: new Set() };
  // The parts in JSON.stringify's order does not matter for the booleans and sets; the globals' order is the functions' own.
  for (const key in program) {
    const value = (program as unknown as Record<string, unknown>)[key];
    if (typeof value === 'object' && value !== null) visit(value, s, key === 'functions' ? Part.Functions : key === 'body' ? Part.Body : Part.Other);
  }
  return s;
}

function visit(node: object, s: Scanning, part: Part): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === 'object' && item !== null) visit(item, s, part);
    }
    return;
  }
  const o = node as Record<string, unknown>;
  // Before the children: `global` names in the order a pre-order walk meets them.
  if (o.kind === 'global' && part === Part.Functions) {
    for (const n of o.names as string[]) if (!s.globalDeclarations.includes(n)) s.globalDeclarations.push(n);
  }
  for (const key in o) {
    const value = o[key];
    if (typeof value === 'object') {
      if (value !== null) visit(value, s, part);
    } else if (typeof value === 'string') {
      switch (key) {
        case 'kind':
          if (value === 'namedExpr') s.walrus = true;
          else if (value === 'lambda') s.lambda = true;
          else if (value === 'asyncio' && typeof o.func === 'string') s.asyncioFuncs.add(o.func);
          else if (value === 'method' && o.method === 'create_task') s.createTaskMethod = true;
          else if (value === 'name' && part !== Part.Other && typeof o.id === 'string') s.namesRead.add(o.id);
          break;
        case 'name':
          if (value === 'StopIteration') s.namesStopIteration = true;
          break;
        case 'func':
          if (value === 'next') s.namesStopIteration = true;
          break;
      }
    }
  }
}

/** Whether `node` (any IR subtree) holds an object of kind `kind`: what `JSON.stringify(node).includes('"kind":"…"')` said, without the text. */
export function holdsKind(node: unknown, kind: string): boolean {
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (holdsKind(node[i], kind)) return true;
    return false;
  }
  const o = node as Record<string, unknown>;
  if (o.kind === kind) return true;
  for (const key in o) {
    const value = o[key];
    if (typeof value === 'object' && value !== null && holdsKind(value, kind)) return true;
  }
  return false;
}
