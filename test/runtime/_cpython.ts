/**
 * Python values on both sides: each call, written once as a Python lambda, runs on CPython
 * through the product's oracle (test/_support/values.ts) and on the port runtime. Tests
 * compare the two observations: `repr` of the result, or `Type: message`; a call the
 * oracle refuses (outside the subset) is a mismatch (`refused: ...`), never skipped.
 */
import { pythonMessage, pythonTypeName } from '../../runtime/exceptions.ts';
import { repr, type PyValue } from '../../runtime/index.ts';
import { callSource, observeOnCPython } from '../_support/values.ts';

/** What a call gave: `repr` of the result, or `TypeName: message`. */
export type Observed = string;

/** One call, written for both sides: `py` is a lambda (`lambda x, n: round(x, n)`, `lambda *a: ...`). */
export interface DualCall {
  py: string;
  args: PyValue[];
  port: (...args: PyValue[]) => PyValue;
}

/** Run a port function the same way. */
export function observe(fn: () => PyValue): Observed {
  try {
    return repr(fn());
  } catch (error) {
    return `${pythonTypeName(error)}: ${pythonMessage(error)}`;
  }
}

/** Run every call on both sides; the calls whose observations differ (with both). */
export async function mismatches(calls: DualCall[]): Promise<Array<{ call: string; cpython: Observed; port: Observed }>> {
  // Written before the port runs: a call may mutate its arguments (`xs.pop()`).
  const sources = calls.map(callSource);
  const got = calls.map((c) => observe(() => c.port(...c.args)));
  const expected = (await observeOnCPython(sources)).map((o) => o.text);
  const out: Array<{ call: string; cpython: Observed; port: Observed }> = [];
  calls.forEach((c, k) => {
    if (got[k] !== expected[k]) out.push({ call: `(${c.py})(${c.args.map((a) => repr(a)).join(', ')})`, cpython: expected[k], port: got[k] });
  });
  return out;
}

/** A seed for the randomised run, printed so a failure can be replayed. */
export function randomSeed(label: string): number {
  const replay = process.env.RUNTIME_SEED;
  const seed = replay !== undefined ? Number(replay) : Date.now() ^ (Math.random() * 0x7fffffff);
  console.log(`${label}: random seed ${seed} (RUNTIME_SEED=${seed} replays it)`);
  return seed;
}
