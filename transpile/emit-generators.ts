/**
 * Generators and async generators in the emitter (issue 8 item 5): which functions are
 * generators, and the text that wraps a generator's body. A generator's body is a JS
 * `function*` (an `async function*` for an async generator) that runtime/generators.ts wraps
 * in Python's protocol; it is called at once, and JS generators start lazily, as Python's do.
 */
import type { Expr, FunctionDef, Stmt } from '../ir/program.ts';

/** Whether `node` (a function body) holds a `yield`/`yield from` of its own (not a nested def's or lambda's). */
function holdsYield(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(holdsYield);
  if (node === null || typeof node !== 'object') return false;
  const n = node as { kind?: unknown };
  if (n.kind === 'yield' || n.kind === 'yieldFrom') return true;
  if (n.kind === 'def' || n.kind === 'lambda') return false;
  // for-in, not Object.values: no array made per node (these walks run over every function).
  for (const key in node) if (holdsYield((node as Record<string, unknown>)[key])) return true;
  return false;
}

const memo = new WeakMap<FunctionDef, boolean>();

/** Whether calling `def` makes a generator (an async generator when it is an `async def`): CPython's CO_GENERATOR rule. */
export function isGenerator(def: FunctionDef): boolean {
  let known = memo.get(def);
  if (known === undefined) {
    known = holdsYield(def.body);
    memo.set(def, known);
  }
  return known;
}

/**
 * A generator function's JS body: `function name(params) { return py.generator(...) }`, the
 * Python body inside a `function*` (`async function*` plus the dialect's awaitable factory for
 * an async generator), so a call runs nothing until the first `next`.
 */
export function generatorFunctionText(qualname: string, isAsync: boolean, head: string, body: string, awaitableFactory: string | undefined, decorator?: string): string {
  const name = JSON.stringify(qualname);
  // `@contextlib.contextmanager`: each call returns the manager over the generator (runtime/contextlib.ts).
  const wrap = (made: string) => (decorator === undefined ? made : `py.contextManagerOf(${JSON.stringify(decorator)}, ${made})`);
  if (!isAsync) {
    return `${head} {\nreturn ${wrap(`py.generator(${name}, (function* (): Generator<PyValue, PyValue, PyValue> {\n${body}})())`)};\n}\n`;
  }
  const factory = awaitableFactory ? `, ${awaitableFactory}` : '';
  return `${head} {\nreturn ${wrap(`py.asyncGenerator(${name}, (async function* (): AsyncGenerator<PyValue, PyValue, PyValue> {\n${body}})()${factory})`)};\n}\n`;
}

/** Methods of a generator that use it without keeping it (`g.send(v)`, `await g.aclose()`). */
const STEPPING_METHODS = new Set(['send', 'throw', 'close', 'asend', 'athrow', 'aclose']);

/**
 * The locals of `def` that only ever hold a generator made right there and never escape:
 * assigned only from calls of the program's generator functions (`g = ticker()`), read only
 * by `next(g)`, `anext(g)`, `g.send(...)`/`aclose()`..., or as what a `for`/`async for`
 * iterates. CPython's refcounting drops such a generator when the function's frame goes, so
 * the emitter calls `py.dropped(...)` there (runtime/generators.ts). Anything else (returned,
 * stored, passed on, used by a nested function) is left alone.
 */
export function droppedLocals(def: FunctionDef, generatorFunctions: ReadonlySet<string>, locals: readonly string[]): string[] {
  // Only a call of a generator function makes a candidate: without one (most programs), no walk.
  if (generatorFunctions.size === 0 || locals.length === 0) return [];
  const candidates = new Map<string, boolean>();
  for (const name of locals) candidates.set(name, false);
  const params = new Set([...def.params.map((p) => p.name), ...(def.vararg ? [def.vararg] : []), ...(def.kwonly ?? []).map((p) => p.name)]);
  const spoil = (name: string) => candidates.delete(name);
  for (const p of params) spoil(p);
  const isGeneratorCall = (e: Expr) => e.kind === 'call' && generatorFunctions.has(e.func);
  const visit = (node: unknown, nested: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, nested);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const n = node as Stmt | Expr;
    switch (n.kind) {
      case 'assign':
        if (n.target.kind === 'name' && candidates.has(n.target.id)) {
          if (!nested && isGeneratorCall(n.value)) candidates.set(n.target.id, true);
          else spoil(n.target.id);
          visit(n.value, nested);
          return;
        }
        break;
      case 'for':
        if (n.iter.kind === 'name' && candidates.has(n.iter.id) && !nested) {
          visit(n.target, nested);
          visit(n.body, nested);
          return;
        }
        break;
      case 'builtin':
        if ((n.func === 'next' || n.func === 'anext') && n.args[0]?.kind === 'name' && !nested) {
          visit(n.args.slice(1), nested);
          return;
        }
        break;
      case 'method':
        if (STEPPING_METHODS.has(n.method) && n.object.kind === 'name' && !nested) {
          visit(n.args, nested);
          visit(n.keywords, nested);
          return;
        }
        break;
      case 'def':
      case 'lambda':
        visit(n.def.body, true);
        visit(n.def.params, nested);
        return;
      case 'genExp':
      case 'listComp':
      case 'setComp':
      case 'dictComp':
        for (const key in n) visit((n as Record<string, unknown>)[key], true);
        return;
      case 'name':
        spoil(n.id);
        return;
    }
    for (const key in n) visit((n as Record<string, unknown>)[key], nested);
  };
  visit(def.body, false);
  return [...candidates].filter(([, made]) => made).map(([name]) => name);
}
