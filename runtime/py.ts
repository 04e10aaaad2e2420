/**
 * Everything transpiled code calls as `py.<name>`: one namespace, so a Python name in the
 * program (`len`, `sum`, `str`...) never clashes with the runtime's. The list is explicit.
 */
export { add, iadd, sub, mul, truediv, floordiv, mod, pow, neg, pos, not, truthy, eq, ne, lt, le, gt, ge, contains, isIn, is } from './ops.ts';
export { str, repr, bool, int, float, abs, round, sum, min, max, len, range, list, tuple, sorted, enumerate, zip } from './builtins.ts';
export { iter, getitem, setitem, unpack, append, pop, callMethod } from './sequences.ts';
export { bindArgs, nameError, raise, raiseTypeError, notCallable } from './calls.ts';
export { format } from './format.ts';
export { tuple as tup } from './values.ts';
export { enter, leave } from './frames.ts';
export * from './stdlib.ts';
