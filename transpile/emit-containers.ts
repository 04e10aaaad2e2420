/**
 * What the emitter needs to know about dict/set displays that CPython's compiler decides:
 * whether a set display is folded into a frozenset constant (which changes the table a
 * printed set comes from; runtime/containers.ts `setDisplay` has the three modes).
 */
import type { Expr } from '../ir/program.ts';
import type { SetDisplayMode } from '../runtime/containers.ts';

/**
 * Whether CPython 3.11's AST optimiser (Python/ast_opt.c) turns `e` into a Constant: literals,
 * `-x`/`+x`/`not x` of one, tuples of them, and arithmetic between numbers within the
 * optimiser's limits (safe_multiply / safe_power: int results up to 128 bits; no division by
 * zero). Anything it might not fold counts as not constant.
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
      return foldsBinOp(e.op, e.left, e.right);
    default:
      return false;
  }
}

/** An int literal's value (`-5` too), else undefined. */
function intLiteral(e: Expr): bigint | undefined {
  if (e.kind === 'int') return BigInt(e.value);
  if (e.kind === 'unaryOp' && e.op === '-' && e.operand.kind === 'int') return -BigInt(e.operand.value);
  return undefined;
}

const MAX_INT_SIZE = 128n;
const bits = (v: bigint): bigint => BigInt((v < 0n ? -v : v).toString(2).length) - (v === 0n ? 1n : 0n);

function foldsBinOp(op: string, left: Expr, right: Expr): boolean {
  if (!isNumberConstant(left) || !isNumberConstant(right)) return false;
  const a = intLiteral(left);
  const b = intLiteral(right);
  switch (op) {
    case '+':
    case '-':
      return true;
    case '*':
      if (a !== undefined && b !== undefined) return a === 0n || b === 0n || bits(a) + bits(b) <= MAX_INT_SIZE;
      return left.kind !== 'binOp' && right.kind !== 'binOp';
    case '**':
      if (a !== undefined && b !== undefined) return b < 0n ? a !== 0n : a === 0n || b === 0n || bits(a) <= MAX_INT_SIZE / b;
      return left.kind !== 'binOp' && right.kind !== 'binOp' && !(right.kind === 'unaryOp' && (left.kind === 'int' && left.value === 0));
    case '/':
    case '//':
    case '%':
      return right.kind !== 'binOp' && !((right.kind === 'int' || right.kind === 'float') && right.value === 0);
    default:
      return false;
  }
}

/**
 * How often the compiler rebuilds a folded frozenset constant after building it: once in
 * merge_consts_recursive, once more in intern_string_constants when an identifier-like str
 * in it (all of [A-Za-z0-9_]) gets interned (measured on 3.11.7: `{1, 2, 3, (1, 2)}` is
 * built twice, `{-1, 'x', 7.5}` three times).
 */
export function frozensetRebuilds(elts: Expr[]): number {
  const nameLike = (e: Expr): boolean => (e.kind === 'str' && /^[A-Za-z0-9_]*$/.test(e.value)) || (e.kind === 'tuple' && e.elts.some(nameLike));
  return elts.some(nameLike) ? 2 : 1;
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
