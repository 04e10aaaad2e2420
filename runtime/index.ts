/**
 * The Python-values runtime: how the port represents Python values, prints them and
 * operates on them (see values.ts for the representation). Explicit export list.
 */
export type { PyValue } from './values.ts';
export { PyTuple, PyRange, PyIterator, typeName } from './values.ts';
export type { Kwargs } from './builtins.ts';
export { print, setStdout } from './builtins.ts';
export { repr, str, floatRepr, strRepr } from './str.ts';
export { format } from './format.ts';
export type { ParamSpec } from './calls.ts';
export * as py from './py.ts';
export { setVirtualClock, type VirtualClock } from './time.ts';
export { resetRandom } from './random.ts';
