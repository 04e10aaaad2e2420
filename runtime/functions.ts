/**
 * Functions as values (issue 8 item 3): a `def`, nested `def` or `lambda` the program uses
 * as a value is a `PyFunction`, and calling a value goes through `call`, which binds the
 * arguments as CPython's Python/ceval.c initialize_locals does (3.11), with its messages
 * (`too_many_positional`, `missing_arguments`, the keyword checks). The qualified name
 * (`outer.<locals>.inner`) is what the messages and the repr show, as in 3.11.
 */
import { TypeError } from './exceptions.ts';
import { objectAddress, repr } from './str.ts';
import { objectHooks } from './object-hooks.ts';
import { PyDict } from './dict.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';

/** One parameter: its name, and its default (evaluated once, when the def ran) if it has one. */
export interface ParamSpec {
  name: string;
  hasDefault: boolean;
  default?: PyValue;
}

/** A function's parameters: positional-or-keyword ones, then `*args`, then keyword-only ones, then `**kwargs`. */
export interface Signature {
  params: ParamSpec[];
  vararg?: string;
  kwonly?: ParamSpec[];
  kwarg?: string;
}

/** Keyword arguments in call order: a plain object (names from the source), or pairs once a `**mapping` was unpacked. */
export type Keywords = Record<string, PyValue> | ReadonlyArray<readonly [string, PyValue]>;

function keywordEntries(keywords: Keywords): ReadonlyArray<readonly [string, PyValue]> {
  return Array.isArray(keywords) ? keywords : Object.entries(keywords);
}

/** A call's keywords with `**mapping`s among them: `keywordList('a', x, '**', d)` (names and values alternating). */
export function keywordList(...items: PyValue[]): Array<[string, PyValue]> {
  const pairs: Array<[string, PyValue]> = [];
  for (let k = 0; k < items.length; k += 2) pairs.push([items[k] as string, items[k + 1]]);
  return pairs;
}

/**
 * Ports ceval.c's DICT_MERGE for a call's `**mapping` (format_kwargs_error, 3.11): each
 * mapping's keys join the keywords in order; `label` is the callee as `_PyObject_FunctionStr`
 * names it (`__main__.f`). The keyword pairs, or CPython's TypeError.
 */
export function unpackKeywords(label: string, items: ReadonlyArray<readonly [string, PyValue]>): Array<[string, PyValue]> {
  const pairs: Array<[string, PyValue]> = [];
  const seen = new Set<string>();
  for (const [name, value] of items) {
    if (name !== '**') {
      seen.add(name);
      pairs.push([name, value]);
      continue;
    }
    if (!(value instanceof PyDict)) throw new TypeError(`${label}() argument after ** must be a mapping, not ${typeName(value)}`);
    for (const key of value.keyList()) {
      if (typeof key !== 'string') throw new TypeError('keywords must be strings');
      if (seen.has(key)) throw new TypeError(`${label}() got multiple values for keyword argument '${key}'`);
      seen.add(key);
      pairs.push([key, value.get(key)]);
    }
  }
  return pairs;
}

/** How `_PyObject_FunctionStr` names a callee in a `**` error: `__main__.f`, or `<type> object`. */
function functionStr(callee: PyValue): string {
  if (callee instanceof PyFunction) return `__main__.${callee.__qualname__}`;
  return `${typeName(callee)} object`;
}

/** Ports a Python function object (Objects/funcobject.c) as far as a program sees it. */
export class PyFunction {
  readonly __pyTypeName__ = 'function';
  constructor(
    readonly __name__: string,
    readonly __qualname__: string,
    readonly signature: Signature,
    /** Takes every parameter in order: the positional ones, the `*args` tuple, the keyword-only ones. */
    readonly impl: (...args: never[]) => unknown,
    /**
     * The parts of `__code__` asyncio's reprs show (`Exception in callback cb(1) at prog.py:3`:
     * format_helpers `_get_function_source`), when the transpiler tracks lines.
     */
    readonly __code__: FunctionCode | null = null,
  ) {}

  /** funcobject.c func_repr: `<function outer.<locals>.inner at 0x7f...>`. */
  __repr__(): string {
    return `<function ${this.__qualname__} at ${objectAddress(this)}>`;
  }
}

/** `co_filename` and `co_firstlineno` of a function's code object. */
export interface FunctionCode {
  co_filename: string;
  co_firstlineno: number;
}

/** A function value: `name`, `qualname`, its signature and its body taking bound arguments in order (and its code's file and line, when tracked). */
export function func(name: string, qualname: string, signature: Signature, impl: (...args: never[]) => unknown, code: FunctionCode | null = null): PyFunction {
  return new PyFunction(name, qualname, signature, impl, code);
}

function quoteList(names: string[]): string {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return quoted[0];
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}

/** Ports ceval.c missing_arguments, 3.11. */
function missingArguments(qualname: string, kind: 'positional' | 'keyword-only', missing: string[]): never {
  const n = missing.length;
  throw new TypeError(`${qualname}() missing ${n} required ${kind} argument${n === 1 ? '' : 's'}: ${quoteList(missing)}`);
}

/** Ports ceval.c too_many_positional, 3.11. */
function tooManyPositional(qualname: string, sig: Signature, given: number, kwonlyGiven: number): never {
  const argcount = sig.params.length;
  const defcount = sig.params.filter((p) => p.hasDefault).length;
  const plural = defcount > 0 || argcount !== 1;
  const takes = defcount > 0 ? `from ${argcount - defcount} to ${argcount}` : `${argcount}`;
  const kwonlySig = kwonlyGiven > 0
    ? ` positional argument${given !== 1 ? 's' : ''} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? 's' : ''})`
    : '';
  const verb = given === 1 && kwonlyGiven === 0 ? 'was' : 'were';
  throw new TypeError(`${qualname}() takes ${takes} positional argument${plural ? 's' : ''} but ${given}${kwonlySig} ${verb} given`);
}

/**
 * Ports ceval.c initialize_locals, 3.11 (no positional-only parameters):
 * every parameter's value in order (params, the `*args` tuple, kwonly), or CPython's TypeError.
 */
export function bindSignature(qualname: string, sig: Signature, positional: PyValue[], keywords: Keywords = {}): PyValue[] {
  const params = sig.params;
  const kwonly = sig.kwonly ?? [];
  const argcount = params.length;
  const all = kwonly.length === 0 ? params : [...params, ...kwonly];
  const values: Array<PyValue | undefined> = new Array(all.length).fill(undefined);
  const n = Math.min(positional.length, argcount);
  for (let k = 0; k < n; k++) values[k] = positional[k];
  // `**kwargs` collects the keywords no parameter names, in call order.
  const extra = sig.kwarg === undefined ? undefined : new PyDict();
  for (const [name, value] of keywordEntries(keywords)) {
    const k = all.findIndex((p) => p.name === name);
    if (k < 0 && extra !== undefined) {
      extra.set(name, value);
      continue;
    }
    if (k < 0) throw new TypeError(`${qualname}() got an unexpected keyword argument '${name}'`);
    if (values[k] !== undefined) throw new TypeError(`${qualname}() got multiple values for argument '${name}'`);
    values[k] = value;
  }
  if (sig.vararg === undefined && positional.length > argcount) {
    const kwonlyGiven = values.slice(argcount).filter((v) => v !== undefined).length;
    tooManyPositional(qualname, sig, positional.length, kwonlyGiven);
  }
  if (positional.length < argcount) {
    const required = argcount - params.filter((p) => p.hasDefault).length;
    const missing = params.filter((_p, k) => k >= positional.length && k < required && values[k] === undefined).map((p) => p.name);
    if (missing.length > 0) missingArguments(qualname, 'positional', missing);
    for (let k = required; k < argcount; k++) if (values[k] === undefined) values[k] = params[k].default as PyValue;
  }
  if (kwonly.length > 0) {
    const missing: string[] = [];
    kwonly.forEach((p, j) => {
      const k = argcount + j;
      if (values[k] !== undefined) return;
      if (p.hasDefault) values[k] = p.default as PyValue;
      else missing.push(p.name);
    });
    if (missing.length > 0) missingArguments(qualname, 'keyword-only', missing);
  }
  const bound = values as PyValue[];
  if (extra !== undefined) bound.push(extra);
  if (sig.vararg === undefined) return bound;
  return [...bound.slice(0, argcount), new PyTuple(positional.slice(argcount)), ...bound.slice(argcount)];
}

/** Ports Modules/_functoolsmodule.c partial, 3.11: a callable with some arguments already given. */
export class PyPartial {
  readonly __pyTypeName__ = 'functools.partial';
  constructor(
    readonly func: PyValue,
    readonly args: readonly PyValue[],
    readonly keywords: Readonly<Record<string, PyValue>>,
  ) {}

  /** partial_repr: `functools.partial(<function f at 0x...>, 1, k=2)`. */
  __repr__(): string {
    const parts = [repr(this.func), ...this.args.map((a) => repr(a)), ...Object.entries(this.keywords).map(([k, v]) => `${k}=${repr(v)}`)];
    return `functools.partial(${parts.join(', ')})`;
  }
}

/** `functools.partial(func, *args, **keywords)`: a partial of a partial flattens, as partial_new does. */
export function partial(func: PyValue, args: PyValue[], keywords: Record<string, PyValue> = {}): PyPartial {
  if (func instanceof PyPartial) return new PyPartial(func.func, [...func.args, ...args], { ...func.keywords, ...keywords });
  const callable = func instanceof PyFunction || objectHooks.isClass(func) || (func !== null && typeof func === 'object' && '__pyCall__' in func); // a bound method (classes.ts)
  if (!callable) throw new TypeError('the first argument must be callable');
  return new PyPartial(func, args, { ...keywords });
}

/** `callee(*positional, **keywords)` for any value: a function binds its arguments; anything else is not callable. */
export function call(callee: PyValue, positional: PyValue[], keywords?: Keywords): PyValue {
  // A keyword list (`py.keywordList`) still holds its `**mapping`s: unpack them, naming this callee.
  if (Array.isArray(keywords)) keywords = unpackKeywords(functionStr(callee), keywords);
  if (callee instanceof PyFunction) {
    const args = bindSignature(callee.__qualname__, callee.signature, positional, keywords);
    return callee.impl(...(args as never[])) as PyValue;
  }
  if (callee instanceof PyPartial) {
    // partial_call: the call's keywords override the partial's, which keep their places.
    const merged = new Map<string, PyValue>(Object.entries(callee.keywords));
    for (const [name, value] of keywordEntries(keywords ?? {})) merged.set(name, value);
    return call(callee.func, [...callee.args, ...positional], [...merged]);
  }
  const named = Array.isArray(keywords) ? Object.fromEntries(keywords) : (keywords as Record<string, PyValue> | undefined);
  // A builtin as a value (builtin-values.ts PyBuiltin), duck-typed: that module imports this one's importers.
  const builtin = callee as { __pyCallKw__?: (positional: PyValue[], keywords: Record<string, PyValue>) => PyValue };
  if (typeof builtin.__pyCallKw__ === 'function') return builtin.__pyCallKw__(positional, named ?? {});
  const user = objectHooks.call(callee, positional, named); // a user class, a bound method (classes.ts)
  if (user !== undefined) return user.value;
  throw new TypeError(`'${typeName(callee)}' object is not callable`);
}
