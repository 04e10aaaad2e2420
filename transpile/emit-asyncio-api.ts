/**
 * The port dialect's spelling of the asyncio calls issue 9 added to the IR (wait_for, wait,
 * shield, as_completed, ensure_future, Future, the loop functions, Runner), and which
 * method calls block the module until a loop finishes (`loop.run_until_complete(...)`),
 * so that the emitter awaits them as it awaits `asyncio.run`.
 */
import type { AsyncioName, Expr, Keyword } from '../ir/program.ts';
import { P, operand, out, type ExprEmitter, type Out } from './dialect.ts';
import type { SType } from './types.ts';

/**
 * Methods that run a loop to its end (BaseEventLoop.run_until_complete/run_forever,
 * Runner.run/close): Python blocks on them; in JS they return a promise the emitter awaits.
 */
export const BLOCKING_METHODS: ReadonlySet<string> = new Set(['run_until_complete', 'run_forever', 'run', 'close']);

/** The argument at position `k` or keyword `name`, emitted. */
function argument(args: Expr[], keywords: Keyword[], emit: ExprEmitter, k: number, name: string): Out | undefined {
  const e = args[k] ?? keywords.find((kw) => kw.name === name)?.value;
  return e ? emit.expr(e) : undefined;
}

/** Anything a program may await, as the port's functions take it (checked by the port when it runs). */
/** What the port's wait_for, shield and ensure_future take (a Task is a Future). */
const COROUTINE_OR_FUTURE = 'asyncio.Coroutine<PyValue> | asyncio.Future<PyValue>';

function awaitable(r: Out | undefined, cast: string): string {
  if (r === undefined) return 'undefined as never';
  return `${operand(r, P.unary)} as ${cast}`;
}

const OPTIONAL = (r: Out | undefined): string => (r === undefined ? 'undefined' : r.code);

/** `asyncio.<func>(...)` for the functions of issue 9 on the port; undefined for the others. */
export function portAsyncioApiCall(func: AsyncioName, args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter): Out | undefined {
  const arg = (k: number, name: string): Out | undefined => argument(args, keywords, emit, k, name);
  switch (func) {
    case 'wait_for': {
      const timeout = arg(1, 'timeout');
      return out(`asyncio.wait_for(${awaitable(arg(0, 'fut'), COROUTINE_OR_FUTURE)}, py.waitForTimeout(${OPTIONAL(timeout)} as PyValue))`, type, P.call);
    }
    case 'wait':
      return out(`py.waitSets(${OPTIONAL(arg(0, 'fs'))}, ${OPTIONAL(arg(1, 'timeout'))}, ${OPTIONAL(arg(2, 'return_when'))})`, type, P.call);
    case 'as_completed':
      return out(`py.asCompletedIter(${OPTIONAL(arg(0, 'fs'))}, ${OPTIONAL(arg(1, 'timeout'))})`, type, P.call);
    case 'shield':
      return out(`asyncio.shield(${awaitable(arg(0, 'arg'), COROUTINE_OR_FUTURE)})`, type, P.call);
    case 'ensure_future':
      return out(`asyncio.ensure_future(${awaitable(arg(0, 'coro_or_future'), COROUTINE_OR_FUTURE)})`, type, P.call);
    case 'Future':
      return out('new asyncio.Future<PyValue>()', type, P.call);
    case 'get_running_loop':
    case 'get_event_loop':
    case 'new_event_loop':
      return out(`asyncio.${func}()`, type, P.call);
    case 'set_event_loop':
      return out(`asyncio.set_event_loop(${awaitable(arg(0, 'loop'), 'asyncio.BaseEventLoop | null')})`, type, P.call);
    case 'Runner':
      return out('new asyncio.Runner()', type, P.call);
    default:
      return undefined;
  }
}

/** `asyncio.<func>(...)` for the functions of issue 9 on the native profile (native/asyncio-api.ts); undefined for the others. */
export function nativeAsyncioApiCall(func: AsyncioName, args: Expr[], keywords: Keyword[], type: SType, emit: ExprEmitter): Out | undefined {
  const arg = (k: number, name: string): Out | undefined => argument(args, keywords, emit, k, name);
  const promise = (r: Out | undefined): string => awaitable(r, 'Promise<PyValue>');
  switch (func) {
    case 'wait_for':
      return out(`rt.asyncio.wait_for(${promise(arg(0, 'fut'))}, ${OPTIONAL(arg(1, 'timeout'))} as PyValue)`, type, P.call);
    case 'wait':
      return out(`rt.asyncio.wait(${OPTIONAL(arg(0, 'fs'))}, ${OPTIONAL(arg(1, 'timeout'))}, ${OPTIONAL(arg(2, 'return_when'))})`, type, P.call);
    case 'as_completed':
      return out(`rt.asyncio.as_completed(${OPTIONAL(arg(0, 'fs'))})`, type, P.call);
    case 'shield':
    case 'ensure_future':
      return out(`rt.asyncio.${func}(${promise(arg(0, 'arg'))})`, type, P.call);
    case 'Future':
      return out('new rt.asyncio.NativeFuture()', type, P.call);
    case 'get_running_loop':
    case 'get_event_loop':
      return out('rt.asyncio.get_running_loop()', type, P.call);
    case 'new_event_loop':
      return out('rt.asyncio.new_event_loop()', type, P.call);
    case 'set_event_loop':
      return out(`rt.asyncio.set_event_loop(${OPTIONAL(arg(0, 'loop'))} as PyValue)`, type, P.call);
    case 'Runner':
      return out('new rt.asyncio.NativeRunner()', type, P.call);
    default:
      return undefined;
  }
}
