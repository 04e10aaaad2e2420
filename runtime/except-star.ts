/**
 * `try: ... except* T as eg: ...` (PEP 654), what transpiled code calls as `py.<name>`.
 * Ports CPython 3.11's CHECK_EG_MATCH (ceval.c _PyEval_ExceptionGroupMatch), BaseExceptionGroup.split
 * (Objects/exceptions.c exceptiongroup_split_recursive) and the re-raise at the end of the
 * handlers (_PyExc_PrepReraiseStar with exception_group_projection).
 *
 * A `StarState` follows one caught exception through the handlers: `rest` is what no handler
 * has matched yet, `raised` what the handlers raised (or re-raised), in order.
 */
import { BaseException, TypeError, isExceptionClass, type ExceptionClass } from './exceptions.ts';
import { BaseExceptionGroup, isException, newExceptionGroup } from './exception_groups.ts';
import { PyTuple } from './values.ts';

export interface StarState {
  /** What the body raised. */
  readonly orig: BaseException;
  rest: BaseException | null;
  readonly raised: BaseException[];
}

/** The exception a `catch` received, as except* sees it; a harness (JS) error is rethrown untouched. */
export function starBegin(error: unknown): StarState {
  if (!(error instanceof BaseException)) throw error;
  return { orig: error, rest: error, raised: [] };
}

/** `isinstance(exc, T)` for except*: an ExceptionGroup is an Exception too. */
function isInstance(exc: BaseException, types: ExceptionClass[]): boolean {
  return types.some((t) => exc instanceof t || (t.name === 'Exception' && isException(exc)));
}

/** Ports ceval.c check_except_star_type_valid, 3.11. */
function starTypes(types: unknown): ExceptionClass[] {
  const list = types instanceof PyTuple ? [...types.items] : [types];
  for (const t of list) {
    if (!isExceptionClass(t)) throw new TypeError('catching classes that do not inherit from BaseException is not allowed');
    if (t === (BaseExceptionGroup as unknown) || (t as ExceptionClass).prototype instanceof BaseExceptionGroup) {
      throw new TypeError('catching ExceptionGroup with except* is not allowed. Use except instead.');
    }
  }
  return list as ExceptionClass[];
}

/** Ports BaseExceptionGroup.derive plus the metadata split() copies onto each part. */
function derive(eg: BaseExceptionGroup, excs: BaseException[]): BaseExceptionGroup {
  const part = newExceptionGroup(eg.groupMessage, excs);
  part.__cause__ = eg.__cause__;
  part.__context__ = eg.__context__;
  part.__suppress_context__ = eg.__suppress_context__;
  part.contextDecided = true;
  return part;
}

/** Ports exceptiongroup_split_recursive, 3.11: [match, rest], each null when empty, the structure kept. */
export function splitGroup(exc: BaseException, matches: (e: BaseException) => boolean): [BaseException | null, BaseException | null] {
  if (matches(exc)) return [exc, null];
  if (!(exc instanceof BaseExceptionGroup)) return [null, exc];
  const match: BaseException[] = [];
  const rest: BaseException[] = [];
  for (const child of exc.exceptions) {
    const [m, r] = splitGroup(child, matches);
    if (m !== null) match.push(m);
    if (r !== null) rest.push(r);
  }
  return [match.length > 0 ? derive(exc, match) : null, rest.length > 0 ? derive(exc, rest) : null];
}

/**
 * Ports _PyEval_ExceptionGroupMatch, 3.11: the part of what is left that `types` match (the
 * handler runs with it), or null (the handler is skipped). A naked exception that matches is
 * wrapped in `ExceptionGroup('', (exc,))`.
 */
export function starMatch(state: StarState, types: unknown): BaseException | null {
  const classes = starTypes(types);
  const rest = state.rest;
  if (rest === null) return null;
  if (!(rest instanceof BaseExceptionGroup)) {
    if (!isInstance(rest, classes)) return null;
    state.rest = null;
    const wrapped = newExceptionGroup('', new PyTuple([rest]) as unknown as BaseException[]);
    wrapped.contextDecided = true;
    return wrapped;
  }
  const [match, left] = splitGroup(rest, (e) => isInstance(e, classes));
  if (match === null) return null;
  state.rest = left;
  return match;
}

/** An exception leaving an except* handler: kept, the next handlers still run. */
export function starRaised(state: StarState, error: unknown): void {
  if (!(error instanceof BaseException)) throw error;
  state.raised.push(error);
}

function leaves(exc: BaseException, into: Set<BaseException>): Set<BaseException> {
  if (exc instanceof BaseExceptionGroup) for (const child of exc.exceptions) leaves(child, into);
  else into.add(exc);
  return into;
}

/** Ports is_same_exception_metadata, 3.11: a part of the original (re-raised), not a new exception. */
function isReraise(exc: BaseException, orig: BaseException): boolean {
  return exc.__cause__ === orig.__cause__ && exc.__context__ === orig.__context__;
}

/**
 * Ports _PyExc_PrepReraiseStar, 3.11: after the handlers, raise what is left and what they
 * raised: nothing, the unmatched part (projected from the original, so its structure stays),
 * or `ExceptionGroup('', [raised..., reraised])`.
 */
export function starEnd(state: StarState): void {
  const excs = [...state.raised, ...(state.rest === null ? [] : [state.rest])];
  if (excs.length === 0) return;
  const orig = state.orig;
  if (!(orig instanceof BaseExceptionGroup)) throw excs[0];
  const raised: BaseException[] = [];
  const keep = new Set<BaseException>();
  for (const e of excs) {
    if (isReraise(e, orig)) leaves(e, keep);
    else raised.push(e);
  }
  const reraised = keep.size === 0 ? null : splitGroup(orig, (e) => !(e instanceof BaseExceptionGroup) && keep.has(e))[0];
  if (raised.length === 0) throw reraised;
  if (reraised !== null) raised.push(reraised);
  if (raised.length === 1) throw raised[0];
  const group = newExceptionGroup('', raised);
  group.contextDecided = true;
  throw group;
}
