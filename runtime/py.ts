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
export { func, call, bindSignature, partial, keywordList, unpackKeywords } from './functions.ts';
export { dict, dictDisplay, set, frozenset, setDisplay, setAdd, emptySet, bitor, bitand, bitxor, ior, iand, ixor, delitem, unpackStar } from './containers.ts';
export { isub } from './containers.ts';
export { slice } from './slice.ts';
export { excClass, newExc, raiseExc, reraise, caught, excMatches, leaveHandler, isinstance, typeNameOf, excAttr, assertFail, coroutineStopIteration, NO_CAUSE, bound } from './exception-ops.ts';
export { any, all, divmod, reversed, hash, chr, ord, map, filter } from './builtins-more.ts';
export { builtinValue } from './builtin-values.ts';
export { callValue } from './callable.ts';
export * from './stdlib.ts';
export { namedTupleClass, NAMED_TUPLE } from './namedtuple.ts';
export { defineClass, dataclassFields, getattr, setattr, delattr, callAttr, superOf } from './classes.ts';
import { setOps, setStr } from './classes.ts';
import { eq as eqOp, ge as geOp, gt as gtOp, le as leOp, lt as ltOp, truthy as truthyOp } from './ops.ts';
import { str as strOp } from './str.ts';
import { setIntDivide } from './datetime.ts';
import { truediv as truedivOp } from './ops.ts';
setIntDivide((a, b) => truedivOp(a, b) as number); // ints divide to a float
const ORDER_OPS = { '<': ltOp, '<=': leOp, '>': gtOp, '>=': geOp } as const;
setOps(truthyOp, eqOp, (a, b, op) => ORDER_OPS[op](a, b));
setStr(strOp);
export { waitSets, asCompletedIter, waitForTimeout } from './asyncio-api.ts';
export { contextManagerOf } from './contextlib.ts';
export { generator, asyncGenerator, closingIter, yieldFrom, iterBuiltin, next, anext, anextOfTemporary, aiter, aiterClosing, dropped, portAwaitable } from './generators.ts';
export { withManager, withExcInfo } from './with.ts';
export { starBegin, starMatch, starRaised, starEnd } from './except-star.ts';
