/**
 * What the emitter needs to know about dict/set displays that CPython's compiler decides:
 * whether a set display is folded into a frozenset constant (which changes the table a
 * printed set comes from; runtime/containers.ts `setDisplay` has the three modes).
 */
import type { Expr } from '../ir/program.ts';
import type { SetDisplayMode } from '../runtime/containers.ts';

/**
 * Whether CPython 3.11's AST optimiser (Python/ast_opt.c) turns `e` into a Constant: literals,
 * `-x`/`+x`/`not x` of one, tuples of them, and `+ - *` between numbers. Anything it might
 * not fold counts as not constant.
 */
export function isFoldedConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'int':
    case 'float':
    case 'str':
    case 'bool':
    case 'none':
      return true;
    case 'unaryOp':
      return e.op === 'not' ? isFoldedConstant(e.operand) : isNumberConstant(e.operand);
    case 'tuple':
      return e.elts.every((x) => x.kind !== 'starred' && isFoldedConstant(x));
    case 'binOp':
      return (e.op === '+' || e.op === '-' || e.op === '*') && isNumberConstant(e.left) && isNumberConstant(e.right);
    default:
      return false;
  }
}

function isNumberConstant(e: Expr): boolean {
  if (e.kind === 'int' || e.kind === 'float' || e.kind === 'bool') return true;
  if (e.kind === 'unaryOp' && e.op !== 'not') return isNumberConstant(e.operand);
  if (e.kind === 'binOp') return isFoldedConstant(e);
  return false;
}

/**
 * How CPython 3.11 builds the set display `elts`: iterated by `for` or a comprehension and
 * all constant, fold_iter makes it a frozenset constant; elsewhere more than two constants
 * are a frozenset constant merged into a new set (compile.c starunpack_helper); otherwise
 * BUILD_SET adds one by one.
 */
export function setDisplayMode(elts: Expr[], iterated: boolean): SetDisplayMode {
  const constant = elts.every((x) => x.kind !== 'starred' && isFoldedConstant(x));
  if (constant && iterated) return 'frozenConstant';
  if (constant && elts.length > 2) return 'constant';
  return 'build';
}
