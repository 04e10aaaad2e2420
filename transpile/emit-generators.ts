/**
 * Generators and async generators in the emitter (issue 8 item 5): which functions are
 * generators, and the text that wraps a generator's body. A generator's body is a JS
 * `function*` (an `async function*` for an async generator) that runtime/generators.ts wraps
 * in Python's protocol; it is called at once, and JS generators start lazily, as Python's do.
 */
import type { FunctionDef } from '../ir/program.ts';

/** Whether `node` (a function body) holds a `yield`/`yield from` of its own (not a nested def's or lambda's). */
function holdsYield(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(holdsYield);
  if (node === null || typeof node !== 'object') return false;
  const n = node as { kind?: unknown };
  if (n.kind === 'yield' || n.kind === 'yieldFrom') return true;
  if (n.kind === 'def' || n.kind === 'lambda') return false;
  return Object.values(node).some(holdsYield);
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
export function generatorFunctionText(qualname: string, isAsync: boolean, head: string, body: string, awaitableFactory: string | undefined): string {
  const name = JSON.stringify(qualname);
  if (!isAsync) {
    return `${head} {\nreturn py.generator(${name}, (function* (): Generator<PyValue, PyValue, PyValue> {\n${body}})());\n}\n`;
  }
  const factory = awaitableFactory ? `, ${awaitableFactory}` : '';
  return `${head} {\nreturn py.asyncGenerator(${name}, (async function* (): AsyncGenerator<PyValue, PyValue, PyValue> {\n${body}})()${factory});\n}\n`;
}
