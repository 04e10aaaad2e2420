/**
 * How a program is driven on Pyodide's WebLoop without stack switching: the way Pyodide's own
 * users do it, as module code run by `runPythonAsync` (top-level await). `asyncio.run(X)` in
 * the module's statements becomes `await X` (the WebLoop is always running; Pyodide's
 * `asyncio.run` and `run_until_complete` need JSPI to block). What cannot be driven that way
 * is refused with a reason, never run differently: `asyncio.run` inside a function (a
 * synchronous call that would have to block), or with arguments other than one coroutine.
 */
import type { Expr, Program, Stmt } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';

export type Drivable = { source: string } | { refusal: string };

class Refusal extends Error {}

/** The Python that runs on the WebLoop, or why the program cannot run there. */
export function drivableSource(program: Program): Drivable {
  try {
    for (const fn of program.functions) {
      if (containsAsyncioRun(fn.body)) {
        throw new Refusal(
          `asyncio.run inside ${fn.name}(): the WebLoop cannot block a synchronous call until a coroutine is done without stack switching (JSPI); only module-level asyncio.run(...) can be driven, as a top-level await`,
        );
      }
    }
    return { source: printPython({ ...program, body: program.body.map(statement) }) };
  } catch (error) {
    if (error instanceof Refusal) return { refusal: `pyodide-webloop cannot drive this program: ${error.message}` };
    throw error;
  }
}

function containsAsyncioRun(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsAsyncioRun);
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if (record.kind === 'asyncio' && record.func === 'run') return true;
  return Object.values(record).some(containsAsyncioRun);
}

/** Every `asyncio.run(X)` in a module-level statement (nested ones too) as `await X`. */
function statement(stmt: Stmt): Stmt {
  return rewrite(stmt) as Stmt;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.kind === 'asyncio' && record.func === 'run') return awaitOf(record as Expr & { kind: 'asyncio' });
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) copy[key] = rewrite(value);
  return copy;
}

function awaitOf(call: Expr & { kind: 'asyncio' }): Expr {
  if (call.keywords.length > 0) {
    throw new Refusal(`asyncio.run(..., ${call.keywords.map((k) => `${k.name}=`).join(', ')}...): the WebLoop has no debug mode or loop factory to give them to`);
  }
  if (call.args.length !== 1 || call.args[0].kind === 'starred') throw new Refusal('asyncio.run takes exactly one coroutine here');
  return { kind: 'await', value: rewrite(call.args[0]) as Expr };
}
