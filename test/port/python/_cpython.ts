/**
 * Evaluate many small Python calls on real CPython in one process, and the same calls on
 * the port runtime, so tests compare `repr` of results (or exception type and message).
 * Arguments travel as tagged JSON (floats as their IEEE bits), so nothing is re-parsed.
 */
import { execaSync } from 'execa';
import { pythonMessage, pythonTypeName } from '../../../port/python/exceptions.ts';
import { PyTuple, repr, type PyValue } from '../../../port/python/index.ts';

import { PYTHON } from '../../_support/python.ts';

export { PYTHON };

export type Encoded = { int: string } | { float: string } | { str: string } | { bool: boolean } | { none: true } | { list: Encoded[] } | { tuple: Encoded[] };

const float64 = new Float64Array(1);
const bits = new BigUint64Array(float64.buffer);

export function encode(v: PyValue): Encoded {
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'number') {
    float64[0] = v;
    return { float: bits[0].toString(16).padStart(16, '0') };
  }
  if (typeof v === 'string') return { str: v };
  if (typeof v === 'boolean') return { bool: v };
  if (v === null) return { none: true };
  if (Array.isArray(v)) return { list: v.map(encode) };
  if (v instanceof PyTuple) return { tuple: v.items.map(encode) };
  throw new Error(`cannot encode ${String(v)}`);
}

/** What a call gave: `repr` of the result, or `TypeName: message`. */
export type Observed = string;

const EVALUATOR = String.raw`
import json, struct, sys
def dec(e):
    if 'int' in e: return int(e['int'])
    if 'float' in e: return struct.unpack('>d', bytes.fromhex(e['float']))[0]
    if 'str' in e: return e['str']
    if 'bool' in e: return e['bool']
    if 'none' in e: return None
    if 'list' in e: return [dec(x) for x in e['list']]
    if 'tuple' in e: return tuple(dec(x) for x in e['tuple'])
out = []
fns = {}
for src, args in json.loads(sys.stdin.read()):
    fn = fns.get(src) or fns.setdefault(src, eval(src))
    try:
        out.append(repr(fn(*[dec(a) for a in args])))
    except Exception as e:
        out.append(type(e).__name__ + ': ' + str(e))
print(json.dumps(out))
`;

/** Run each `[pythonLambdaSource, args]` on CPython. */
export function runOnCPython(calls: Array<[string, PyValue[]]>): Observed[] {
  const input = JSON.stringify(calls.map(([src, args]) => [src, args.map(encode)]));
  const { stdout } = execaSync(PYTHON, ['-c', EVALUATOR], { input, maxBuffer: 1 << 28 });
  return JSON.parse(stdout) as Observed[];
}

/** Run a port function the same way. */
export function observe(fn: () => PyValue): Observed {
  try {
    return repr(fn());
  } catch (error) {
    return `${pythonTypeName(error)}: ${pythonMessage(error)}`;
  }
}

/** One call, written for both sides. */
export interface DualCall {
  py: string;
  args: PyValue[];
  port: (...args: PyValue[]) => PyValue;
}

/** Run every call on both sides; the calls whose observations differ (with both). */
export function mismatches(calls: DualCall[]): Array<{ call: string; cpython: Observed; port: Observed }> {
  const expected = runOnCPython(calls.map((c) => [c.py, c.args]));
  const out: Array<{ call: string; cpython: Observed; port: Observed }> = [];
  calls.forEach((c, k) => {
    const got = observe(() => c.port(...c.args));
    if (got !== expected[k]) out.push({ call: `(${c.py})(${c.args.map((a) => repr(a)).join(', ')})`, cpython: expected[k], port: got });
  });
  return out;
}

/** A seed for the randomised run, printed so a failure can be replayed. */
export function randomSeed(label: string): number {
  const seed = Date.now() ^ (Math.random() * 0x7fffffff);
  console.log(`${label}: random seed ${seed}`);
  return seed;
}
