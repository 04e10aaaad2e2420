/**
 * `collections.namedtuple('P', 'x y')` and `class P(NamedTuple): x: int` (issue 8 item 2): a
 * class whose instances are tuples (so indexing, unpacking, len, ==, hash and order are the
 * tuple's) with the fields read by name, the repr `P(x=1, y=2)` and the helpers `_fields`,
 * `_field_defaults`, `_make`, `_replace`, `_asdict`. classes.ts holds the class itself
 * (`namedTupleFields`); this module makes its namespace. Ports Lib/collections/__init__.py
 * namedtuple and Lib/typing.py NamedTupleMeta, 3.11.
 */
import { NAMED_TUPLE, defineClass, getattr, namedTupleFields } from './classes.ts';
import { PyDict } from './dict.ts';
import { TypeError, ValueError } from './exceptions.ts';
import { PyFunction } from './functions.ts';
import { iter } from './sequences.ts';
import { repr } from './str.ts';
import { PyTuple, type PyValue } from './values.ts';

export { NAMED_TUPLE };

const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Ports collections.namedtuple(typename, field_names, *, defaults=None) (rename= and module= stay out: the importer refuses them). */
export function namedtuple(args: PyValue[], kw: Record<string, PyValue> = {}): Function {
  if (args.length !== 2) throw new TypeError(`namedtuple() missing ${2 - args.length} required positional argument${args.length === 1 ? '' : 's'}`);
  const [typename, fieldNames] = args;
  const names = (typeof fieldNames === 'string' ? fieldNames.replace(/,/g, ' ').split(/\s+/).filter((s) => s !== '') : [...iter(fieldNames)]).map((n) => {
    if (typeof n !== 'string') throw new TypeError('Type names and field names must be strings');
    return n;
  });
  if (typeof typename !== 'string') throw new TypeError('Type names and field names must be strings');
  const seen = new Set<string>();
  for (const name of [typename, ...names]) {
    if (!IDENTIFIER.test(name)) throw new ValueError(`Type names and field names must be valid identifiers: ${repr(name)}`);
    if (KEYWORDS.has(name)) throw new ValueError(`Type names and field names cannot be a keyword: ${repr(name)}`);
  }
  for (const name of names) {
    if (name.startsWith('_')) throw new ValueError(`Field names cannot start with an underscore: ${repr(name)}`);
    if (seen.has(name)) throw new ValueError(`Encountered duplicate field name: ${repr(name)}`);
    seen.add(name);
  }
  const defaults = kw.defaults === undefined || kw.defaults === null ? [] : [...iter(kw.defaults)];
  if (defaults.length > names.length) throw new TypeError('Got more default values than field names');
  const firstDefault = names.length - defaults.length;
  const fields = names.map((name, k) => (k >= firstDefault ? { name, default: defaults[k - firstDefault] } : { name }));
  return withFields(defineClass(typename, NAMED_TUPLE, []), typename, fields);
}

/**
 * `class P(NamedTuple): x: int; y: int = 0`: the annotated names, in order, with whether the
 * class body gave each a default (then the class attribute of that name), as NamedTupleMeta reads them.
 */
export function namedTupleClass(cls: Function, own: Array<[string, boolean]>): Function {
  const name = cls.name;
  const fields: Array<{ name: string; default?: PyValue }> = [];
  for (const [field, hasDefault] of own) {
    if (hasDefault) fields.push({ name: field, default: getattr(cls as unknown as PyValue, field) });
    else {
      const previous = fields.find((f) => f.default !== undefined);
      if (previous !== undefined) throw new TypeError(`Non-default namedtuple field ${field} cannot follow default field${fields.filter((f) => f.default !== undefined).length > 1 ? 's' : ''} ${fields.filter((f) => f.default !== undefined).map((f) => f.name).join(', ')}`);
      fields.push({ name: field });
    }
  }
  return withFields(cls, name, fields);
}

/** The class's fields and its namespace's helpers. */
function withFields(cls: Function, typename: string, fields: Array<{ name: string; default?: PyValue }>): Function {
  const names = fields.map((f) => f.name);
  const method = (name: string, signature: ConstructorParameters<typeof PyFunction>[2], impl: (...args: never[]) => unknown): PyFunction => new PyFunction(name, `${typename}.${name}`, signature, impl);
  const make = method('_make', { params: [{ name: 'cls', hasDefault: false }, { name: 'iterable', hasDefault: false }] }, ((klass: Function, iterable: PyValue) => {
    const items = [...iter(iterable)];
    if (items.length !== names.length) throw new TypeError(`Expected ${names.length} arguments, got ${items.length}`);
    return new (klass as unknown as new (items: PyValue[]) => PyTuple)(items);
  }) as never);
  const replace = method('_replace', { params: [{ name: 'self', hasDefault: false }], kwarg: 'kwds' }, ((self: PyTuple, kwds: PyDict) => {
    const items = names.map((name, k) => {
      if (!kwds.has(name)) return self.items[k];
      const value = kwds.get(name);
      kwds.delete(name);
      return value;
    });
    if (kwds.size > 0) throw new ValueError(`Got unexpected field names: ${repr(kwds.keyList())}`);
    return new (self.constructor as new (items: PyValue[]) => PyTuple)(items);
  }) as never);
  const asdict = method('_asdict', { params: [{ name: 'self', hasDefault: false }] }, ((self: PyTuple) => new PyDict(names.map((name, k) => [name, self.items[k]] as const))) as never);
  const defaults = new PyDict(fields.flatMap((f) => (f.default === undefined ? [] : [[f.name, f.default] as const])));
  return namedTupleFields(cls, fields, [
    ['_fields', new PyTuple(names)],
    ['_field_defaults', defaults],
    ['_make', make, 'classmethod'],
    ['_replace', replace],
    ['_asdict', asdict],
  ]);
}
