/**
 * One emitter, two dialects. Everything that is not async (values, operators, prints,
 * f-strings, loops, locals, inference) is written by emit.ts the same way for every profile;
 * what an `async def`, an `await`, an `asyncio.*` call, a task method, a coroutine's type
 * and the import header become is asked of the profile's `AsyncDialect`:
 *
 * - `port` (dialect-port.ts): CPython's semantics on the asyncio port;
 * - `native` (dialect-native.ts): the program as a person ports it to plain promises.
 *
 * The expression plumbing both sides share (an emitted expression with its static type and
 * binding strength) lives here, so a dialect need not import the emitter.
 */
import type { LineWriter } from './line-writer.ts';
import type { AsyncioName, Expr, Keyword } from '../ir/program.ts';
import type { SType } from './types.ts';

/** Binding strength of emitted JS expressions (higher binds tighter). */
export const P = { comma: 1, assign: 2, cond: 3, or: 4, and: 5, eq: 9, rel: 10, add: 12, mul: 13, unary: 15, call: 19, atom: 20 } as const;

/** An emitted expression: its code, its static type, how tightly it binds. */
export interface Out {
  code: string;
  type: SType;
  prec: number;
}

export const out = (code: string, type: SType, prec: number = P.atom): Out => ({ code, type, prec });

/** `r` as an operand that needs at least `min` binding strength. */
export function operand(r: Out, min: number): string {
  return r.prec >= min ? r.code : `(${r.code})`;
}

/** The module specifiers an emitted file imports. */
export interface ImportPaths {
  port: string;
  python: string;
  /** The `native` profile's runtime (`native/index.ts`); only that profile reads it. */
  native?: string;
}

/** What a dialect may ask of the emitter while it writes one expression (bound to the current function body). */
export interface ExprEmitter {
  expr(e: Expr): Out;
  /** `e` as a JS boolean (Python truthiness). */
  condition(e: Expr): string;
  /** Records that the current body awaits (so a comprehension around it becomes an async IIFE). */
  awaited(): void;
}

/** An `async def` ready to be written: names and types already in the profile's spelling. */
export interface AsyncDefText {
  /** The TypeScript name. */
  name: string;
  /** The Python name (what the port shows as the coroutine's `__qualname__`). */
  pythonName: string;
  /** `a: bigint, b: PyValue` */
  params: string;
  /** The TypeScript type of what the body returns. */
  result: string;
  /** The body's statements, already emitted. */
  body: string;
  /** The Python code object a repr shows (`{ co_filename: ..., co_firstlineno: ... }` as TS), when tracked. */
  code?: string;
}

export interface AsyncDialect {
  readonly profile: 'port' | 'native';
  /**
   * Whether the profile keeps CPython's frames: the recursion limit (`py.enter()`/`py.leave()`
   * around every function) and, in programs that can print a task, the line each coroutine
   * runs at (`lineMarker`). The native profile is JS as a person writes it: neither.
   */
  readonly pythonFrames: boolean;
  /** A statement recording that the running coroutine is at `line` of the Python program. */
  lineMarker?(line: number): string;
  /**
   * A task made by a statement that drops it (`asyncio.create_task(f())` on its own line): the
   * port marks it unreferenced, since CPython frees such a task, and logs its unretrieved
   * exception, right after the step that finished it (port/tasks.ts `_discarded`).
   */
  discardedTask?(code: string): string;
  /** Lines after the header comment, up to (not including) the blank line before the program. */
  importLines(imports: ImportPaths): string[];
  /** The TypeScript identifier for a Python name. */
  name(pythonName: string): string;
  /** The TypeScript type for a static type. */
  tsType(t: SType): string;
  /** Writes an `async def` (followed by a newline; the emitter adds the blank line). */
  writeAsyncDef(w: LineWriter, def: AsyncDefText): void;
  /** A nested `async def` as an arrow (`params` typed, the body's statements); default: an async arrow. */
  nestedAsync?(params: string, result: string, body: string): string;
  /** `await <value>`. */
  awaitExpr(value: Out, emit: ExprEmitter): Out;
  /** `asyncio.<func>(...)`; `type` is what inference says the call returns. */
  asyncioCall(func: AsyncioName, args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter): Out;
  /** `<task>.<method>(args)` on an object statically known to be a task. */
  taskMethod(task: Out, method: string, argCode: string, type: SType): Out;
  /**
   * What an async generator's `__anext__`/`asend`/`athrow`/`aclose` return, as a
   * `(name, thunk) => awaitable` expression (runtime/generators.ts AwaitableFactory); absent:
   * the thunk's promise itself.
   */
  readonly awaitableFactory?: string;
}
