/**
 * Python values on CPython, asked of the product's oracle (test/_support/oracle.ts): each
 * call, written as a Python lambda and its arguments, becomes part of a small program the
 * oracle runs — the lambda a coroutine function that prints `repr` of its body, each call
 * a task of its own, so a call that raises ends only its task and main's print of the task
 * names the exception. What a call gave: `repr` of the result, or `Type: message`.
 *
 * The oracle runs only what the importer accepts, so every call must be expressible in the
 * subset; a call it refuses comes back as `refused: ...`, never silently skipped.
 */
import { pythonFloatRepr, pythonStringRepr } from '../../ir/python.ts';
import type { RunResult } from '../../ir/program.ts';
import { PyTuple, type PyValue } from '../../runtime/index.ts';
import { sharedOracle } from './oracle.ts';

/** What CPython said of one call: ok with `repr` of the result, or not with `Type: message` (or why it could not run). */
export interface CPythonObservation {
  ok: boolean;
  text: string;
}

/** The IR's int literals stop at 2**53 (JS numbers): a larger int is spelt as arithmetic on smaller ones. */
const LIMB = 2n ** 52n;
function intLiteral(v: bigint): string {
  if (v < 0n) return v >= -LIMB ? v.toString() : `-${intLiteral(-v)}`;
  return v < LIMB ? v.toString() : `(${intLiteral(v / LIMB)} * ${LIMB} + ${v % LIMB})`;
}

/** A value as Python source the importer accepts (what the printer writes for the IR's constants). */
export function pythonLiteral(v: PyValue): string {
  if (typeof v === 'bigint') return intLiteral(v);
  if (typeof v === 'number') return pythonFloatRepr(v);
  if (typeof v === 'string') return pythonStringRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  if (Array.isArray(v)) return `[${v.map(pythonLiteral).join(', ')}]`;
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${pythonLiteral(v.items[0])},)` : `(${v.items.map(pythonLiteral).join(', ')})`;
  throw new Error(`no literal for ${String(v)}`);
}

/** A call split for the program: the coroutine function its lambda becomes, and the arguments as Python source. */
export interface CallSource {
  /** `async def NAME(a, b):\n    print(repr(<the lambda's body>))`, NAME to fill in. */
  function: string;
  args: string;
}

/**
 * One call as the oracle runs it: the lambda becomes a coroutine function (one per distinct
 * lambda in a program) that prints `repr` of its body, called with the arguments as
 * literals; each call runs as a task of its own, so a call that raises ends only its task
 * (main prints the task, whose repr names the exception). `*a` takes the arguments as a list.
 */
export function callSource(call: { py: string; args: PyValue[] }): CallSource {
  const match = /^lambda\s*([^:]*):\s*([\s\S]+)$/.exec(call.py);
  if (!match) throw new Error(`not a lambda: ${call.py}`);
  const params = match[1].split(',').map((p) => p.trim()).filter(Boolean);
  const starred = params.length === 1 && params[0].startsWith('*');
  if (!starred && params.length !== call.args.length) throw new Error(`${call.py}: ${call.args.length} arguments`);
  const literals = call.args.map(pythonLiteral).join(', ');
  return {
    function: `async def NAME(${starred ? params[0].slice(1) : params.join(', ')}):\n    print(repr(${match[2]}))`,
    args: starred ? `[${literals}]` : literals,
  };
}

/** The program for a chunk of calls: their functions (`f0`, `f1`...), then main, which runs each call as a task. */
function chunkProgram(calls: CallSource[]): string {
  const names = new Map<string, string>();
  for (const c of calls) if (!names.has(c.function)) names.set(c.function, `f${names.size}`);
  const functions = [...names].map(([text, name]) => text.replace('NAME', name));
  const tasks = calls.map((c) => `asyncio.create_task(${names.get(c.function)}(${c.args}))`).join(', ');
  return ['import asyncio', ...functions, 'async def main():', `    ts = [${tasks}]`, '    await asyncio.sleep(0)', '    for t in ts:', '        print(t)', 'asyncio.run(main())', ''].join('\n');
}

/** A Python `str` literal as repr writes it (quotes, `\\`, `\n`, `\xhh`, `\uhhhh`...), read back; the index after it. */
function readStrLiteral(text: string, start: number): [string, number] {
  const quote = text[start];
  let out = '';
  let i = start + 1;
  while (text[i] !== quote) {
    if (i >= text.length) throw new Error(`unterminated string in ${text}`);
    if (text[i] !== '\\') {
      out += text[i++];
      continue;
    }
    const c = text[i + 1];
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', r: '\r', t: '\t' };
    if (c in simple) {
      out += simple[c];
      i += 2;
    } else {
      const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
      if (width === 0) throw new Error(`unknown escape \\${c} in ${text}`);
      out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + width), 16));
      i += 2 + width;
    }
  }
  return [out, i + 1];
}

/**
 * `str(e)` from `repr(e)` of an exception CPython printed in a task's repr: `Name('msg')`
 * is `msg`, `Name()` is empty, `Name(34, 'msg')` is `(34, 'msg')` (its args tuple), a
 * lone non-str argument its own repr.
 */
export function exceptionFromRepr(text: string): string {
  const open = text.indexOf('(');
  const name = text.slice(0, open);
  const inner = text.slice(open + 1, -1);
  if (inner === '') return `${name}: `;
  if (inner[0] === "'" || inner[0] === '"') {
    const [value, end] = readStrLiteral(inner, 0);
    // KeyError's str is its one argument's repr (Objects/exceptions.c KeyError_str).
    if (end === inner.length) return `${name}: ${name === 'KeyError' ? inner : value}`;
  }
  const lone = !/^[^'"]*, /.test(inner) && !(inner[0] === "'" || inner[0] === '"');
  return `${name}: ${lone ? inner : `(${inner})`}`;
}

/** What a call whose task never finished says: how its program ended. */
function outcomeText(result: RunResult): string {
  const { outcome } = result;
  if (outcome.kind === 'exception') return `${outcome.type}: ${outcome.message}`;
  return outcome.kind === 'budget' ? `budget: ${outcome.limit}` : outcome.kind === 'crash' ? `crash: ${outcome.message}` : outcome.kind;
}

/** Calls per program. */
const CHUNK = 200;

/**
 * CPython's observation of every call (its callSource), through the oracle: a chunk
 * of calls per program, each call its own task; a program the oracle refuses is split until
 * the refused call is found.
 */
export async function observeOnCPython(calls: CallSource[]): Promise<CPythonObservation[]> {
  const oracle = await sharedOracle();
  const answers: CPythonObservation[] = new Array<CPythonObservation>(calls.length);
  let pending: number[][] = [];
  for (let i = 0; i < calls.length; i += CHUNK) pending.push(calls.slice(i, i + CHUNK).map((_, k) => i + k));
  while (pending.length > 0) {
    const runs = await Promise.all(
      pending.map((ids) => oracle.run(chunkProgram(ids.map((id) => calls[id])), { clock: 'ideal' }).catch((error: unknown) => error as Error)),
    );
    const next: number[][] = [];
    runs.forEach((run, j) => {
      const ids = pending[j];
      if (run instanceof Error) {
        if (ids.length > 1) next.push(...ids.map((id) => [id]));
        else answers[ids[0]] = { ok: false, text: `refused: ${run.message}` };
        return;
      }
      // Task-1 is main; the task of call k is Task-(k + 2).
      for (const entry of run.trace) {
        const line = entry.text.replace(/\n$/, '');
        if (entry.task !== 'Task-1') {
          answers[ids[Number(entry.task?.slice(5)) - 2]] = { ok: true, text: line };
          continue;
        }
        const task = /^<Task finished name='Task-(\d+)' coro=<\w+\(\) done, defined at [^>]*> (exception=|result=None>$)/.exec(line);
        if (!task) throw new Error(`unexpected line from main: ${line}`);
        if (task[2] === 'exception=') answers[ids[Number(task[1]) - 2]] = { ok: false, text: exceptionFromRepr(line.slice(task[0].length, -1)) };
      }
      for (const id of ids) answers[id] ??= { ok: false, text: outcomeText(run) };
    });
    pending = next;
  }
  return answers;
}
