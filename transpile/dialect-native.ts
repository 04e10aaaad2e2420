/**
 * The `native` dialect: the program as a person ports it to idiomatic TypeScript on plain
 * promises, running on native/ (native/README.md has the mapping table). `async def` is an
 * `async function` (a call runs it at once), `await x` is `await x`, `create_task(c)` is
 * `task(c)`, `gather(a, b)` is `Promise.all([a, b])`, `asyncio.run(main())` is
 * `await main()`. Values and prints stay Python's (runtime/).
 */
import type { AsyncioName, Expr, Keyword } from '../ir/program.ts';
import { nativeAsyncioApiCall } from './emit-asyncio-api.ts';
import { P, operand, out, type AsyncDialect, type ExprEmitter, type ImportPaths, type Out } from './dialect.ts';
import { tsName, tsString } from './names.ts';
import { T, tsType, type SType } from './types.ts';
import { EMITTING_SWITCHES, NO_SWITCHES, type NativeSwitches } from '../native/switches.ts';
import { CONSTRUCTOR_PARAMS } from './dialect-port.ts';

/** Where the native runtime is imported from when not told otherwise (from the repo root). */
export const DEFAULT_NATIVE_IMPORT = './native/index.ts';

/** A program this profile cannot express (it names something plain promises do not have). */
export class NativeTranspileError extends Error {
  override readonly name = 'NativeTranspileError';
}

/**
 * Names the native module body binds besides the port's: the runtime parameter and what the
 * header destructures from it. A Python name among them gets the `$` suffix, as names.ts
 * does for JavaScript's reserved words.
 */
const NATIVE_RESERVED = new Set(['rt', 'sleep', 'task', 'run', 'NativeTask']);

function nativeName(pythonName: string): string {
  return NATIVE_RESERVED.has(pythonName) ? `${pythonName}$` : tsName(pythonName);
}

/** A coroutine and a gather future are promises; a task is the promise with Task methods. */
function nativeType(t: SType): string {
  switch (t.k) {
    case 'coro':
    case 'future':
      return `Promise<${nativeType(t.of)}>`;
    case 'task':
      return `NativeTask<${nativeType(t.of)}>`;
    default:
      return tsType(t);
  }
}

const isPromise = (r: Out): boolean => r.type.k === 'coro' || r.type.k === 'task' || r.type.k === 'future';

/** `x` where a promise is expected: a cast when inference does not know it is one (a Python TypeError then shows as whatever JS does). */
function asPromise(r: Out): string {
  return isPromise(r) ? r.code : `${operand(r, P.unary)} as Promise<PyValue>`;
}

/** `gather(..., return_exceptions=True)`: Promise.allSettled, each outcome's value or reason. */
const SETTLED_VALUES = '.then((rs) => rs.map((r) => (r.status === \'fulfilled\' ? r.value : r.reason)))';

function gather(args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter, item: (code: string) => string = (code) => code): Out {
  const items = args.map((a) => {
    if (a.kind !== 'starred') return item(emit.expr(a).code);
    const xs = emit.expr(a.value);
    return xs.type.k === 'list' ? `...${operand(xs, P.unary)}` : `...py.iter(${xs.code})`;
  });
  const list = `[${items.join(', ')}]`;
  const flag = keywords.find((k) => k.name === 'return_exceptions')?.value;
  let call: string;
  if (flag === undefined || (flag.kind === 'bool' && !flag.value)) call = `Promise.all(${list})`;
  else if (flag.kind === 'bool') call = `Promise.allSettled(${list})${SETTLED_VALUES}`;
  else {
    // A computed flag: Python evaluates it after the awaitables, so it is the second argument.
    call = `((ps: PyValue[], settle: boolean) => (settle ? Promise.allSettled(ps)${SETTLED_VALUES} : Promise.all(ps)))(${list}, ${emit.condition(flag)})`;
  }
  return out(`${call} as Promise<PyValue[]>`, type, P.rel);
}

function asyncioCall(func: AsyncioName, args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter): Out {
  const kw = (name: string): Expr | undefined => keywords.find((k) => k.name === name)?.value;
  const arg = (k: number, name: string): Out | undefined => {
    const e = args[k] ?? kw(name);
    return e ? emit.expr(e) : undefined;
  };
  switch (func) {
    case 'run': {
      // `asyncio.run(main())` → `await main()`, inside the module's async default export.
      emit.awaited();
      const main = arg(0, 'main');
      return out(`await ${main ? operand(main, P.unary) : 'run(undefined as never)'}`, type, P.unary);
    }
    case 'sleep': {
      const delay = arg(0, 'delay') ?? out('0n', T.int);
      const result = arg(1, 'result');
      if (!result) return out(`sleep(${delay.code})`, type, P.call);
      // `sleep(d, r)` resolves to `r` (or null when r is absent): the cast drops the null.
      return out(`sleep(${delay.code}, ${result.code}) as ${nativeType(type)}`, type, P.rel);
    }
    case 'create_task':
      // `name=` has no counterpart: get_name() numbers tasks in creation order.
      return out(`task(${asPromise(arg(0, 'coro') ?? out('undefined as never', T.any, P.rel))})`, type, P.call);
    case 'gather':
      return gather(args, keywords, type, emit);
    case 'current_task':
    case 'all_tasks':
      throw new NativeTranspileError(`native profile: asyncio.${func} has no promise counterpart`);
    case 'Lock':
    case 'Event':
    case 'Condition':
    case 'Semaphore':
    case 'BoundedSemaphore':
    case 'Barrier':
    case 'Queue':
    case 'PriorityQueue':
    case 'LifoQueue':
    case 'timeout':
    case 'timeout_at':
    case 'TaskGroup': {
      // native/sync.ts: async-mutex, hand-rolled promises, a deadline timer, Promise.allSettled.
      const param = CONSTRUCTOR_PARAMS[func];
      const given = args[0] ?? (param === undefined ? undefined : kw(param));
      return out(`rt.sync.${func}(${given === undefined ? '' : emit.expr(given).code})`, type, P.call);
    }
    default: {
      const api = nativeAsyncioApiCall(func, args, keywords, type, emit);
      if (api) return api;
      throw new Error(`asyncio.${func as string} is not in the IR`);
    }
  }
}

export const NATIVE_DIALECT: AsyncDialect = {
  profile: 'native',
  pythonFrames: false,

  importLines: (imports: ImportPaths) => [
    `import { runtime as rt } from ${tsString(imports.native ?? DEFAULT_NATIVE_IMPORT)};`,
    `import type { NativeTask } from ${tsString(imports.native ?? DEFAULT_NATIVE_IMPORT)};`,
    `import type { PyValue, PyTuple, PyRange } from ${tsString(imports.python)};`,
    '',
    'const { sleep, task, run, print, py } = rt;',
  ],

  name: nativeName,
  tsType: nativeType,

  writeAsyncDef(w, def) {
    w.write(`async function ${def.name}(${def.params}): Promise<${def.result}> `).block(() => w.write(def.body));
  },

  awaitExpr(value, emit) {
    emit.awaited();
    return out(`await ${operand(value, P.unary)}`, 'of' in value.type ? value.type.of : T.any, P.unary);
  },

  asyncioCall,

  taskMethod(task, method, argCode, type) {
    // `cancel(msg)`: a promise cannot be cancelled, and NativeTask's cancel() takes no message.
    return out(`${operand(task, P.call)}.${method}(${method === 'cancel' ? '' : argCode})`, type, P.call);
  },
};

/**
 * The native dialect for a counterfactual run (native/switches.ts): with no switch that
 * changes emission on, NATIVE_DIALECT itself. With one, an `async def` becomes a function
 * returning `rt.coroutine(async () => body)` (the runtime decides when the body runs), and a
 * create_task's argument (and, under lazy-task-start, each gather item) is marked as a task's
 * body with `rt.forTask()`.
 */
/** Which emission `nativeDialect(switches)` makes: programs emitted under equal keys are the same TypeScript. */
export function emissionKey(switches: NativeSwitches): string {
  if (!EMITTING_SWITCHES.some((name) => switches.has(name))) return '';
  return `switched${switches.has('lazy-task-start') ? '+gather-tasks' : ''}${switches.has('next-iteration-wakeups') ? '+gather-later' : ''}`;
}

export function nativeDialect(switches: NativeSwitches = NO_SWITCHES): AsyncDialect {
  if (!EMITTING_SWITCHES.some((name) => switches.has(name))) return NATIVE_DIALECT;
  const lazyGather = switches.has('lazy-task-start');
  const wakeLater = switches.has('next-iteration-wakeups');
  return {
    ...NATIVE_DIALECT,
    writeAsyncDef(w, def) {
      w.write(`function ${def.name}(${def.params}): Promise<${def.result}> `).block(() => {
        w.write(`return rt.coroutine(async (): Promise<${def.result}> => `).inlineBlock(() => w.write(def.body));
        w.write(');').newLine();
      });
    },
    nestedAsync: (params, result, body) => `(${params}): Promise<${result}> => rt.coroutine(async (): Promise<${result}> => {\n${body}})`,
    asyncioCall(func, args, keywords, type, emit) {
      if (func === 'create_task') {
        const coro = args[0] ?? keywords.find((k) => k.name === 'coro')?.value;
        const code = coro ? asPromise(emit.expr(coro)) : 'undefined as never';
        return out(`task((rt.forTask(), ${code}))`, type, P.call);
      }
      if (func === 'gather' && (lazyGather || wakeLater)) {
        const all = gather(args, keywords, type, emit, lazyGather ? (code) => `rt.gatherItem((rt.forTask(), ${code}))` : undefined);
        // gather's outer future completes from its children's done-callbacks (call_soon), and wakes its awaiter with call_soon again.
        return wakeLater ? out(`rt.settleSoon(${all.code}, 2)`, type, P.call) : all;
      }
      return asyncioCall(func, args, keywords, type, emit);
    },
  };
}
