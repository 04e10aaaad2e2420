/**
 * The `port` dialect: CPython's asyncio on the port (port/index.ts). `asyncio.coroutine(name,
 * fn)` keeps coroutine creation lazy; `await asyncio.aw(x)` is the only await on port
 * objects; asyncio calls keep their Python names.
 */
import type { AsyncioName, Expr, Keyword } from '../ir/program.ts';
import { portAsyncioApiCall } from './emit-asyncio-api.ts';
import { P, operand, out, type AsyncDialect, type ExprEmitter, type ImportPaths, type Out } from './dialect.ts';
import { tsName, tsString } from './names.ts';
import { T, tsType, type SType } from './types.ts';

/** The one parameter each constructor takes (issue 9), by its Python name, for a keyword argument. */
export const CONSTRUCTOR_PARAMS: Partial<Record<AsyncioName, string>> = {
  Condition: 'lock', Semaphore: 'value', BoundedSemaphore: 'value', Barrier: 'parties', Queue: 'maxsize',
  PriorityQueue: 'maxsize', LifoQueue: 'maxsize', timeout: 'delay', timeout_at: 'when',
};

/** `asyncio.Semaphore(2)`, `Queue(maxsize=3)`: the argument, positional or by keyword (the port checks its value as CPython does). */
function constructorArgs(func: AsyncioName, args: Expr[], keywords: Keyword[], emit: ExprEmitter): string {
  const param = CONSTRUCTOR_PARAMS[func];
  const given = args[0] ?? keywords.find((k) => k.name === param)?.value;
  return given === undefined ? '' : `${operand(emit.expr(given), P.unary)} as never`;
}

function asyncioCall(func: AsyncioName, args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter): Out {
  const kw = (name: string): Expr | undefined => keywords.find((k) => k.name === name)?.value;
  const arg = (k: number, name: string): Out | undefined => {
    const e = args[k] ?? kw(name);
    return e ? emit.expr(e) : undefined;
  };
  const asCoroutine = (r: Out | undefined): string =>
    r === undefined ? 'undefined as never' : r.type.k === 'coro' ? r.code : `${operand(r, P.unary)} as asyncio.Coroutine<PyValue>`;
  switch (func) {
    case 'run': {
      emit.awaited();
      return out(`await asyncio.run(${asCoroutine(arg(0, 'main'))})`, type, P.unary);
    }
    case 'sleep': {
      const delay = arg(0, 'delay') ?? out('0n', T.int);
      const delayCode = delay.type.k === 'int' || delay.type.k === 'float' ? delay.code : `${operand(delay, P.unary)} as number | bigint`;
      const result = arg(1, 'result');
      return out(`asyncio.sleep(${delayCode}${result ? `, ${result.code}` : ''})`, type, P.call);
    }
    case 'create_task': {
      const name = kw('name');
      const opts = name ? `, { name: ${emit.expr(name).code} as string | null }` : '';
      return out(`asyncio.create_task(${asCoroutine(arg(0, 'coro'))}${opts})`, type, P.call);
    }
    case 'gather': {
      const items = args.map((a) => {
        if (a.kind === 'starred') return `...(py.iter(${emit.expr(a.value).code}) as Iterable<asyncio.Awaitable>)`;
        const r = emit.expr(a);
        return 'of' in r.type && r.type.k !== 'future' ? r.code : `${operand(r, P.unary)} as asyncio.Awaitable`;
      });
      const flag = kw('return_exceptions');
      const call = flag
        ? `asyncio.gatherWith({ return_exceptions: ${emit.condition(flag)} }${items.map((i) => `, ${i}`).join('')})`
        : `asyncio.gather(${items.join(', ')})`;
      return out(`${call} as asyncio.Future<PyValue[]>`, type, P.rel);
    }
    case 'current_task':
    case 'all_tasks': {
      // `asyncio.all_tasks(loop)` outside a running loop (the old loop API) names its loop.
      const loop = arg(0, 'loop');
      return out(`asyncio.${func}(${loop ? `${operand(loop, P.unary)} as asyncio.BaseEventLoop | null` : ''})`, type, P.call);
    }
    case 'Lock':
    case 'Event':
    case 'Condition':
    case 'Semaphore':
    case 'BoundedSemaphore':
    case 'Barrier':
    case 'Queue':
    case 'PriorityQueue':
    case 'LifoQueue':
    case 'TaskGroup':
      return out(`new asyncio.${func}(${constructorArgs(func, args, keywords, emit)})`, type, P.call);
    case 'timeout':
    case 'timeout_at':
      return out(`asyncio.${func}(${constructorArgs(func, args, keywords, emit)})`, type, P.call);
    default: {
      const api = portAsyncioApiCall(func, args, keywords, type, emit);
      if (api) return api;
      throw new Error(`asyncio.${func as string} is not in the IR`);
    }
  }
}

export const PORT_DIALECT: AsyncDialect = {
  profile: 'port',
  pythonFrames: true,
  lineMarker: (line) => `asyncio.at_line(${line})`,
  discardedTask: (code) => `asyncio._discarded(${code})`,

  importLines: (imports: ImportPaths) => [
    `import * as asyncio from ${tsString(imports.port)};`,
    `import { print, py, PyTuple, PyRange, type PyValue } from ${tsString(imports.python)};`,
  ],

  name: tsName,
  tsType,

  writeAsyncDef(w, def) {
    w.write(`const ${def.name} = asyncio.coroutine(${tsString(def.pythonName)}, async (${def.params}): Promise<${def.result}> => `);
    w.inlineBlock(() => w.write(def.body));
    w.write(def.code ? `, ${def.code});` : ');').newLine();
  },

  awaitExpr(value, emit) {
    emit.awaited();
    const awaitable = 'of' in value.type ? value.code : `${operand(value, P.unary)} as asyncio.Awaitable<PyValue>`;
    const type = 'of' in value.type ? value.type.of : T.any;
    return out(`await asyncio.aw(${awaitable})`, type, P.unary);
  },

  asyncioCall,

  taskMethod(task, method, argCode, type) {
    const cast = method === 'cancel' && argCode ? `${argCode} as string | null` : argCode;
    return out(`${operand(task, P.call)}.${method}(${cast})`, type, P.call);
  },

  // An async generator's steps are lazy port coroutines, awaited by `aw()` like an `async def`'s call.
  awaitableFactory: 'py.portAwaitable',
};
