/**
 * `time.*`, `random.*`, `math.*` (ir/program.ts `stdlib` / `stdlibConst`): their static types
 * and their code, a call of runtime/stdlib.ts through `py.` (the same in both profiles: the
 * native profile runs the same runtime, on its own clock: native/README.md).
 */
import type { Expr } from '../ir/program.ts';
import { P, out, type Out } from './dialect.ts';
import { T, type SType } from './types.ts';

const RESULT_TYPES: Record<string, SType> = {
  'time.time': T.float,
  'time.monotonic': T.float,
  'time.perf_counter': T.float,
  'time.sleep': T.none,
  'random.seed': T.none,
  'random.random': T.float,
  'random.randint': T.int,
  'random.randrange': T.int,
  'random.getrandbits': T.int,
  'random.uniform': T.float,
  'random.gauss': T.float,
  'random.choice': T.any,
  'random.shuffle': T.none,
  'random.sample': T.list,
  'math.floor': T.int,
  'math.ceil': T.int,
  'math.sqrt': T.float,
  'math.fabs': T.float,
  'math.pow': T.float,
  'math.log': T.float,
  'math.exp': T.float,
  'math.sin': T.float,
  'math.cos': T.float,
  'math.isclose': T.bool,
  'math.gcd': T.int,
};

/** Functions that take their arguments as `(positional[], keywords)` (they accept keywords). */
const WITH_KEYWORDS = new Set(['random.sample', 'random.gauss', 'math.isclose', 'collections.deque', 'collections.namedtuple', 'dataclasses.field', 'datetime.timedelta']);

/** The static type of a `stdlib` call or constant. */
export function stdlibType(e: Extract<Expr, { kind: 'stdlib' | 'stdlibConst' }>): SType {
  if (e.kind === 'stdlibConst') return T.float;
  return RESULT_TYPES[`${e.module}.${e.func}`] ?? T.any;
}

/**
 * The code of a `stdlib` call, given its arguments' code (in source order) and its keywords'
 * (name, code) pairs; a constant is a read of the runtime's.
 */
export function emitStdlib(
  e: Extract<Expr, { kind: 'stdlib' | 'stdlibConst' }>,
  args: string[],
  keywords: Array<[string, string]>,
): Out {
  const type = stdlibType(e);
  if (e.kind === 'stdlibConst') return out(`py.${e.module}.${e.name}`, type, P.call);
  const callee = `py.${e.module}.${e.func}`;
  if (WITH_KEYWORDS.has(`${e.module}.${e.func}`) || e.module === 'itertools') {
    const kw = keywords.map(([name, code]) => `${name}: ${code}`).join(', ');
    return out(`${callee}([${args.join(', ')}]${kw ? `, { ${kw} }` : ''})`, type, P.call);
  }
  const call = `${callee}(${args.join(', ')})`;
  // uniform() returns whatever `a + (b - a) * random()` gives (a float for numbers).
  return e.func === 'uniform' ? out(`${call} as number`, type, P.rel) : out(call, type, P.call);
}
