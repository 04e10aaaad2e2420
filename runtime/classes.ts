/**
 * User classes (issue 8 item 2): `class C(Base):` with methods, class attributes,
 * `@staticmethod`/`@classmethod`/`@property`, single inheritance, `super()`, and user
 * exception classes (`class MyError(ValueError)`).
 *
 * A Python class is a real JS class (so `instanceof` answers `isinstance` and `except`, and
 * a user exception is a `BaseException` the port already raises and catches). Everything a
 * program can reach by name lives in Python-level tables only: the class's namespace
 * (`ClassInfo.dict`) and each instance's `__dict__` (a WeakMap, never a JS property). An
 * attribute name is user-controlled, so no lookup here ever reads a JS property by that name:
 * `obj.constructor`, `obj.__proto__`, `obj.toString` are AttributeErrors, as in Python.
 *
 * The special methods a class defines that other parts of the runtime call (`__aenter__`,
 * `__exit__`, `__repr__`...) are also installed on its JS prototype under their Python names
 * (the one protocol of lang-common.md: `obj.__aenter__()` from JS), from a fixed list.
 *
 * Ports Objects/typeobject.c (type_call, slot_tp_repr/str, object_richcompare's defaults,
 * super_getattro), Objects/object.c (PyObject_GenericGetAttr/SetAttr and their messages),
 * Objects/classobject.c (method_repr), Objects/descrobject.c (property), 3.11.
 */
import { AttributeError, BaseException, IndexError, StopIteration, TypeError, ValueError, exceptionClassRepr, isExceptionClass, type ExceptionClass } from './exceptions.ts';
import { PyFunction, PyPartial, bindSignature, call } from './functions.ts';
import { objectHooks } from './object-hooks.ts';
import { DataclassField, FrozenInstanceError } from './dataclasses.ts';
import { callValue } from './callable.ts';
import { hashInt, hashTuple } from './hash.ts';
import { PyIterator, PyTuple } from './values.ts';
import { objectAddress, repr } from './str.ts';
import { typeName, type PyValue } from './values.ts';
import { METHODS } from '../ir/program.ts';

/** The special methods installed on a class's JS prototype (lang-common.md's protocol), when the class defines them. */
export const PROTOCOL_DUNDERS = [
  '__init__', '__str__', '__repr__', '__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__', '__len__', '__bool__',
  '__aenter__', '__aexit__', '__enter__', '__exit__', '__aiter__', '__anext__',
] as const;
const PROTOCOL = new Set<string>(PROTOCOL_DUNDERS);

/** The root of every user class that does not derive from an exception: Python's `object`. */
export class PyObject {}

/** `@staticmethod f`: the function, unbound wherever it is read from. */
export class StaticMethod {
  readonly __pyTypeName__ = 'staticmethod';
  constructor(readonly func: PyValue) {}
}
/** `@classmethod f`: bound to the class, read from the class or an instance. */
export class ClassMethod {
  readonly __pyTypeName__ = 'classmethod';
  constructor(readonly func: PyValue) {}
}
/** `@property f` (and `@f.setter`): the getter runs on read, the setter on assignment. */
export class Property {
  readonly __pyTypeName__ = 'property';
  constructor(
    readonly fget: PyValue,
    readonly fset: PyValue = null,
  ) {}
}

/** Ports Objects/classobject.c PyMethodObject: a function bound to `self` (an instance, or a class for a classmethod). */
export class BoundMethod {
  readonly __pyTypeName__ = 'method';
  constructor(
    readonly func: PyValue,
    readonly self: PyValue,
  ) {}
  /** method_repr: `<bound method C.m of <__main__.C object at 0x...>>`. */
  __repr__(): string {
    const qualname = this.func instanceof PyFunction ? this.func.__qualname__ : '?';
    return `<bound method ${qualname} of ${repr(this.self)}>`;
  }
  /** For the builtins that call a value (`sorted(key=obj.m)`, `map(obj.m, xs)`). */
  readonly __pyCall__ = (...args: PyValue[]): PyValue => call(this.func, [this.self, ...args]);
}

/** What `super()` returns in a method of `cls` called on `self`. */
export class Super {
  readonly __pyTypeName__ = 'super';
  constructor(
    readonly cls: Function,
    readonly self: PyValue,
  ) {}
}

type Decorator = 'staticmethod' | 'classmethod' | 'property' | 'setter';

interface ClassInfo {
  name: string;
  /** The class namespace, in definition order (`C.__dict__` minus what CPython adds). */
  dict: Map<string, PyValue>;
  /** `@dataclass`: the fields, in order, with their defaults (absent: required) or default factories. */
  fields?: DataclassFieldInfo[];
  /** `@dataclass(...)`'s options (eq defaults to true). */
  options?: DataclassOptions;
  /** A namedtuple class (`collections.namedtuple`, `class P(NamedTuple)`): its fields, in order, with their defaults. */
  tupleFields?: Array<{ name: string; default?: PyValue }>;
}

/** The base a `class P(NamedTuple):` names (runtime/namedtuple.ts): its instances are tuples. */
export const NAMED_TUPLE = Object.freeze({ __pyTypeName__: 'NamedTuple' }) as unknown as PyValue;

interface DataclassFieldInfo {
  name: string;
  default?: PyValue;
  factory?: PyValue;
  repr: boolean;
  compare: boolean;
  /** `field(init=False)`: not an `__init__` parameter. */
  init?: false;
}

/** `@dataclass(eq=, order=, frozen=)` (ir/program.ts DataclassOptions). */
export interface DataclassOptions { eq?: boolean; order?: boolean; frozen?: boolean }

type AnyClass = new (...args: unknown[]) => object;

const CLASSES = new WeakMap<Function, ClassInfo>();
const INSTANCE_DICTS = new WeakMap<object, Map<string, PyValue>>();

function infoOf(v: unknown): ClassInfo | undefined {
  return typeof v === 'function' ? CLASSES.get(v) : undefined;
}

/** The user classes of `cls`'s MRO, `cls` first (single inheritance: the JS prototype chain). */
function userMro(cls: Function): Array<[Function, ClassInfo]> {
  const mro: Array<[Function, ClassInfo]> = [];
  for (let c: unknown = cls; typeof c === 'function'; c = Object.getPrototypeOf(c)) {
    const info = CLASSES.get(c);
    if (info === undefined) break;
    mro.push([c, info]);
  }
  return mro;
}

/** The user class of an instance, or undefined for any other value. */
function classOf(v: unknown): Function | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const proto = Object.getPrototypeOf(v) as { constructor?: unknown } | null;
  const ctor = proto === null ? undefined : Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
  return typeof ctor === 'function' && CLASSES.has(ctor) ? ctor : undefined;
}

/** The first definition of `name` in the user MRO of `cls` (from `start`), with the class that holds it. */
function lookup(cls: Function, name: string, start = 0): { value: PyValue; owner: Function } | undefined {
  const mro = userMro(cls);
  for (let k = start; k < mro.length; k++) {
    const [owner, info] = mro[k];
    if (info.dict.has(name)) return { value: info.dict.get(name) as PyValue, owner };
  }
  return undefined;
}

function instanceDict(obj: object): Map<string, PyValue> {
  let d = INSTANCE_DICTS.get(obj);
  if (d === undefined) {
    d = new Map();
    INSTANCE_DICTS.set(obj, d);
  }
  return d;
}

/** A class attribute read through an instance or a class: functions bind (descr_get). */
function bind(value: PyValue, instance: PyValue | undefined, cls: Function): PyValue {
  if (value instanceof StaticMethod) return value.func;
  if (value instanceof ClassMethod) return new BoundMethod(value.func, cls);
  if (instance !== undefined && value instanceof PyFunction) return new BoundMethod(value, instance);
  return value;
}

/**
 * `class name(base): members`: ports type_new for the subset. `members` are the class body's
 * bindings in order (a method's decorator with it); `base` a user class or an exception class.
 */
export function defineClass(name: string, base: PyValue | undefined, members: Array<[string, PyValue, Decorator?]>): Function {
  let parent: AnyClass = PyObject as AnyClass;
  if (base === NAMED_TUPLE) {
    parent = PyTuple as unknown as AnyClass;
    // typing.NamedTupleMeta: what a NamedTuple class may not define.
    for (const [member] of members) {
      if (['__new__', '__init__', '_fields', '_field_defaults', '_make', '_replace', '_asdict'].includes(member)) throw new AttributeError(`Cannot overwrite NamedTuple attribute ${member}`);
    }
  } else if (base !== undefined) {
    if (!(CLASSES.has(base as Function) || isExceptionClass(base))) throw new TypeError('bases must be types');
    parent = base as AnyClass;
  }
  const cls = class extends parent {};
  Object.defineProperty(cls, 'name', { value: name });
  Object.defineProperty(cls.prototype, '__pyTypeName__', { value: name });
  const dict = new Map<string, PyValue>();
  for (const [member, value, decorator] of members) {
    if (decorator === 'staticmethod') dict.set(member, new StaticMethod(value));
    else if (decorator === 'classmethod') dict.set(member, new ClassMethod(value));
    else if (decorator === 'property') dict.set(member, new Property(value));
    else if (decorator === 'setter') {
      const getter = dict.get(member);
      if (!(getter instanceof Property)) throw new AttributeError(`'function' object has no attribute 'setter'`);
      dict.set(member, new Property(getter.fget, value));
    } else dict.set(member, value);
  }
  const info: ClassInfo = { name, dict };
  CLASSES.set(cls, info);
  // type_new: a class that defines __eq__ but not __hash__ gets `__hash__ = None` (unhashable).
  if (dict.has('__hash__')) {
    Object.defineProperty(cls.prototype, 'pyUnhashable', { value: false });
    Object.defineProperty(cls.prototype, 'pyHash', { value: userHash });
  } else if (dict.has('__eq__')) unhashable(cls);
  for (const dunder of dict.keys()) {
    if (!PROTOCOL.has(dunder)) continue;
    Object.defineProperty(cls.prototype, dunder, {
      value: function (this: object, ...args: PyValue[]): PyValue {
        return callAttr(this, dunder, args);
      },
    });
  }
  return cls;
}

/**
 * `@dataclass`: the fields (the class's annotated names, in order, each with whether the class
 * body gave it a default, which is then the class attribute of that name), inherited ones
 * first; the class then gets the generated `__init__`, `__repr__` and `__eq__`
 * (dataclasses.py _process_class, 3.11: its TypeError for a field without a default after
 * one with, its ValueError for a list, dict or set default).
 */
/**
 * A namedtuple class's fields (collections.namedtuple, typing.NamedTuple's class syntax): its
 * instances are tuples of them, read by name; `_fields`, `_field_defaults`, `_make`, `_replace`,
 * `_asdict` are in its namespace (namedtuple.ts makes them).
 */
export function namedTupleFields(cls: Function, fields: Array<{ name: string; default?: PyValue }>, methods: Array<[string, PyValue, Decorator?]>): Function {
  const info = CLASSES.get(cls)!;
  info.tupleFields = fields;
  for (const [name, value, decorator] of methods) info.dict.set(name, decorator === 'classmethod' ? new ClassMethod(value) : value);
  return cls;
}

/** The namedtuple fields of `v`'s class, or undefined. */
export function tupleFieldsOf(v: PyValue): ClassInfo['tupleFields'] {
  const cls = classOf(v) ?? (infoOf(v) !== undefined ? (v as Function) : undefined);
  return cls === undefined ? undefined : userMro(cls).find(([, i]) => i.tupleFields !== undefined)?.[1].tupleFields;
}

export function dataclassFields(cls: Function, own: Array<[string, boolean]>, options: DataclassOptions = {}): Function {
  const info = CLASSES.get(cls)!;
  const fields = own.map(([name, hasDefault]): DataclassFieldInfo => {
    const value = hasDefault ? (info.dict.get(name) as PyValue) : undefined;
    if (!(value instanceof DataclassField)) return hasDefault ? { name, default: value, repr: true, compare: true } : { name, repr: true, compare: true };
    // _get_field: the class attribute becomes the field's default, or goes when it has none.
    if (value.default_ !== undefined) info.dict.set(name, value.default_);
    else info.dict.delete(name);
    return { name, default: value.default_, factory: value.defaultFactory, repr: value.repr, compare: value.compare, ...(value.init ? {} : { init: false as const }) };
  });
  for (const f of fields) {
    const d = f.default;
    if (d !== undefined && (Array.isArray(d) || d instanceof Set || typeName(d) === 'dict')) {
      throw new ValueError(`mutable default <class '${typeName(d)}'> for field ${f.name} is not allowed: use default_factory`);
    }
  }
  const inherited = userMro(cls).slice(1).reverse().flatMap(([, i]) => i.fields ?? []);
  const all = [...inherited.filter((f) => !fields.some((g) => g.name === f.name)), ...fields];
  let seenDefault = false;
  for (const f of all) {
    if (f.init === false) continue; // _process_class checks the __init__ parameters only
    const hasDefault = f.default !== undefined || f.factory !== undefined;
    if (seenDefault && !hasDefault) throw new TypeError(`non-default argument '${f.name}' follows default argument`);
    seenDefault ||= hasDefault;
  }
  info.fields = all;
  info.options = options;
  if (options.order) {
    for (const dunder of ['__lt__', '__le__', '__gt__', '__ge__']) {
      if (info.dict.has(dunder)) throw new TypeError(`Cannot overwrite attribute ${dunder} in class ${info.name}. Consider using functools.total_ordering`);
    }
  }
  // _hash_action, 3.11: eq and frozen make a __hash__ of the compared fields; eq alone sets it to None.
  const eq = options.eq ?? true;
  if (!info.dict.has('__hash__') && eq) {
    if (options.frozen) {
      Object.defineProperty(cls.prototype, 'pyUnhashable', { value: false });
      Object.defineProperty(cls.prototype, 'pyHash', {
        value: function (this: object): bigint {
          return hashTuple(new PyTuple(all.filter((f) => f.compare).map((f) => getattr(this, f.name))));
        },
      });
    } else unhashable(cls);
  }
  return cls;
}

/** `__hash__ = None`: hash() and a set or dict key raise `unhashable type`. */
function unhashable(cls: Function): void {
  Object.defineProperty(cls.prototype, 'pyUnhashable', { value: true });
  Object.defineProperty(cls.prototype, 'pyHash', { value: undefined });
}

/** slot_tp_hash: the user's `__hash__`, an int; one that fits a Py_hash_t is kept (-1 becomes -2), a larger one is hashed. */
function userHash(this: object): bigint {
  const h = callAttr(this, '__hash__', []);
  if (typeof h !== 'bigint' && typeof h !== 'boolean') throw new TypeError('__hash__ method should return an integer');
  const n = typeof h === 'boolean' ? (h ? 1n : 0n) : h;
  if (n >= -(2n ** 63n) && n < 2n ** 63n) return n === -1n ? -2n : n;
  return hashInt(n);
}

// ---------------------------------------------------------------------------- instances

/** Ports type_call + object_new/object_init's argument checks, 3.11. */
function instantiate(cls: Function, positional: PyValue[], keywords: Record<string, PyValue> = {}): PyValue {
  const info = CLASSES.get(cls)!;
  const tupleFields = userMro(cls).find(([, i]) => i.tupleFields !== undefined)?.[1].tupleFields;
  if (tupleFields !== undefined) {
    // The namedtuple's generated __new__(_cls, x, y=<default>): a tuple of the arguments.
    const params = [{ name: '_cls', hasDefault: false }, ...tupleFields.map((f) => ({ name: f.name, hasDefault: f.default !== undefined, default: f.default }))];
    const values = bindSignature(`${info.name}.__new__`, { params }, [cls as unknown as PyValue, ...positional], keywords);
    return new (cls as unknown as new (items: PyValue[]) => object)(values.slice(1) as PyValue[]) as PyValue;
  }
  const init = lookup(cls, '__init__');
  const exceptional = isExceptionClass(cls);
  const hasKeywords = Object.keys(keywords).length > 0;
  const fields = userMro(cls).find(([, i]) => i.fields !== undefined)?.[1].fields;
  if (init === undefined && fields === undefined) {
    if (exceptional && hasKeywords) throw new TypeError(`${info.name}() takes no keyword arguments`);
    if (!exceptional && (positional.length > 0 || hasKeywords)) throw new TypeError(`${info.name}() takes no arguments`);
  }
  const obj = new (cls as AnyClass)(...(exceptional ? positional : [])) as object;
  if (init !== undefined) {
    const result = call(init.value, [obj, ...positional], keywords);
    if (result !== null) throw new TypeError(`__init__() should return None, not '${typeName(result)}'`);
  } else if (fields !== undefined) dataclassInit(obj, info.name, fields, positional, keywords);
  return obj;
}

/** The `__init__` a dataclass generates: `def __init__(self, x, y=<default>)`, bound as CPython binds it. */
function dataclassInit(obj: object, name: string, fields: NonNullable<ClassInfo['fields']>, positional: PyValue[], keywords: Record<string, PyValue>): void {
  const parameters = fields.filter((f) => f.init !== false);
  const params = [
    { name: 'self', hasDefault: false },
    ...parameters.map((f) => ({ name: f.name, hasDefault: f.default !== undefined || f.factory !== undefined, default: f.factory !== undefined ? HAS_DEFAULT_FACTORY : f.default })),
  ];
  const values = bindSignature(`${name}.__init__`, { params }, [obj, ...positional], keywords);
  const dict = instanceDict(obj);
  // `self.tags = list() if tags is _HAS_DEFAULT_FACTORY else tags`, field by field; an init=False
  // field gets its factory's value or its default (_field_init), or nothing.
  for (const f of fields) {
    if (f.init === false) {
      if (f.factory !== undefined) dict.set(f.name, callValue(f.factory));
      else if (f.default !== undefined) dict.set(f.name, f.default);
      continue;
    }
    const value = values[parameters.indexOf(f) + 1];
    dict.set(f.name, value === HAS_DEFAULT_FACTORY ? callValue(f.factory as PyValue) : value);
  }
  const post = lookup(classOf(obj)!, '__post_init__');
  if (post) call(post.value, [obj]);
}

/** dataclasses.py _HAS_DEFAULT_FACTORY: the default of a parameter whose field has a factory. */
const HAS_DEFAULT_FACTORY = Object.freeze({ __pyTypeName__: '_HAS_DEFAULT_FACTORY_CLASS' }) as unknown as PyValue;

function noAttribute(obj: PyValue, name: string): never {
  if (infoOf(obj)) throw new AttributeError(`type object '${infoOf(obj)!.name}' has no attribute '${name}'`);
  throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}

/** `obj.name`: PyObject_GenericGetAttr for user instances, type_getattro for user classes, super_getattro. */
export function getattr(obj: PyValue, name: string): PyValue {
  if (obj instanceof Super) return superAttr(obj, name);
  if (name === '__name__') {
    const named = nameOf(obj);
    if (named !== undefined) return named;
  }
  const info = infoOf(obj);
  if (info !== undefined) {
    const found = lookup(obj as Function, name);
    if (found === undefined) noAttribute(obj, name);
    if (found.value instanceof Property) return found.value;
    return bind(found.value, undefined, obj as Function);
  }
  const cls = classOf(obj);
  if (cls === undefined) return valueAttr(obj, name) ?? portMethodValue(obj, name) ?? noAttribute(obj, name);
  const found = lookup(cls, name);
  if (found?.value instanceof Property) {
    if (found.value.fget === null) throw new AttributeError(`property '${name}' of '${typeName(obj)}' object has no getter`);
    return call(found.value.fget, [obj]);
  }
  const own = INSTANCE_DICTS.get(obj as object);
  if (own?.has(name)) return own.get(name) as PyValue;
  const field = tupleFieldsOf(obj)?.findIndex((f) => f.name === name) ?? -1;
  if (field >= 0) return (obj as PyTuple).items[field]; // a namedtuple's _tuplegetter
  if (found !== undefined) return bind(found.value, obj, cls);
  return noAttribute(obj, name);
}

/** `cls.__name__`, `f.__name__`, `obj.method.__name__` (type_name, func_get_name, method_get_name); undefined for what has none. */
function nameOf(obj: PyValue): string | undefined {
  const info = infoOf(obj);
  if (info !== undefined) return info.name;
  if (isExceptionClass(obj)) return exceptionClassRepr(obj).slice(8, -2).split('.').pop();
  if (obj instanceof PyFunction) return obj.__name__;
  if (obj instanceof BoundMethod) return nameOf(obj.func);
  return undefined;
}

/** An attribute of a runtime value type that has Python-level ones (datetime.ts: `td.days`, `dt.isoformat`). */
function valueAttr(obj: PyValue, name: string): PyValue | undefined {
  const attr = obj !== null && typeof obj === 'object' ? (obj as { pyAttr?: (name: string) => PyValue | undefined }).pyAttr : undefined;
  return typeof attr === 'function' ? attr.call(obj, name) : undefined;
}

/**
 * `event.set`, `loop.stop`, `fut.set_result` as values (callbacks): a method of an asyncio object of
 * the port, which are JS objects with their Python methods under their Python names. Only the
 * names of METHODS (what a program may call on an object anyway), so nothing else of JS is reached.
 */
function portMethodValue(obj: PyValue, name: string): PyValue | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || !PORT_METHOD_NAMES.has(name)) return undefined;
  const member = (obj as Record<string, unknown>)[name];
  if (typeof member !== 'function') return undefined;
  return new BoundMethod(builtinMethod(name, (...args: PyValue[]) => (member as (...a: PyValue[]) => PyValue).apply(obj, args) ?? null), obj);
}
const PORT_METHOD_NAMES: ReadonlySet<string> = new Set(METHODS);

/** `super().name`: the MRO after the method's class; `__init__`/`__str__`/`__repr__` fall back to object's or BaseException's. */
function superAttr(sup: Super, name: string): PyValue {
  const selfClass = infoOf(sup.self) ? (sup.self as Function) : classOf(sup.self);
  if (selfClass === undefined) throw new TypeError('super(type, obj): obj must be an instance or subtype of type');
  const mro = userMro(selfClass);
  const at = mro.findIndex(([c]) => c === sup.cls);
  const found = lookup(selfClass, name, at + 1);
  if (found !== undefined) return bind(found.value, infoOf(sup.self) ? undefined : sup.self, selfClass);
  const self = sup.self;
  if (name === '__init__') {
    if (self instanceof BaseException) {
      return new BoundMethod(builtinMethod('__init__', (...args: PyValue[]) => ((self as { args: unknown }).args = args, null)), self);
    }
    return new BoundMethod(builtinMethod('__init__', (...args: PyValue[]) => {
      if (args.length > 0) throw new TypeError('object.__init__() takes exactly one argument (the instance to initialize)');
      return null;
    }), self);
  }
  if (name === '__str__') return new BoundMethod(builtinMethod('__str__', () => baseStr(self)), self);
  if (name === '__repr__') return new BoundMethod(builtinMethod('__repr__', () => baseRepr(self)), self);
  throw new AttributeError(`'super' object has no attribute '${name}'`);
}

/** object's or BaseException's own method, as super() finds it. */
function builtinMethod(name: string, impl: (...args: PyValue[]) => PyValue): PyFunction {
  return new PyFunction(name, name, { params: [{ name: 'self', hasDefault: false }], vararg: 'args' }, ((_self: PyValue, args: { items: readonly PyValue[] }) => impl(...args.items)) as never);
}

/** `obj.name = value`: a property's setter, else the instance's (or class's) `__dict__`. */
export function setattr(obj: PyValue, name: string, value: PyValue): void {
  if (infoOf(obj) !== undefined) {
    infoOf(obj)!.dict.set(name, value);
    return;
  }
  const cls = classOf(obj);
  if (cls === undefined) {
    if (obj instanceof Super) throw new AttributeError(`'super' object has no attribute '${name}'`);
    throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  }
  checkNotFrozen(cls, name, 'assign to');
  if (tupleFieldsOf(obj) !== undefined) {
    // __slots__ = (): a field is a read-only descriptor, any other name has no slot.
    if (tupleFieldsOf(obj)!.some((f) => f.name === name)) throw new AttributeError(`can't set attribute`);
    throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  }
  const found = lookup(cls, name);
  if (found?.value instanceof Property) {
    if (found.value.fset === null) throw new AttributeError(`property '${name}' of '${typeName(obj)}' object has no setter`);
    call(found.value.fset, [obj, value]);
    return;
  }
  instanceDict(obj as object).set(name, value);
}

/** `del obj.name`. */
export function delattr(obj: PyValue, name: string): void {
  const info = infoOf(obj);
  if (info !== undefined) {
    if (!info.dict.delete(name)) throw new AttributeError(name);
    return;
  }
  const cls = classOf(obj);
  if (cls === undefined) throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
  checkNotFrozen(cls, name, 'delete');
  const found = lookup(cls, name);
  if (found?.value instanceof Property) throw new AttributeError(`property '${name}' of '${typeName(obj)}' object has no deleter`);
  if (!INSTANCE_DICTS.get(obj as object)?.delete(name)) throw new AttributeError(`'${typeName(obj)}' object has no attribute '${name}'`);
}

/**
 * A frozen dataclass's `__setattr__`/`__delattr__` (dataclasses.py _frozen_get_del_attr): on an
 * instance of the class itself any name raises, on a subclass's only a field's name.
 */
function checkNotFrozen(cls: Function, name: string, what: 'assign to' | 'delete'): void {
  const [owner, info] = userMro(cls).find(([, i]) => i.fields !== undefined) ?? [];
  if (owner === undefined || !info?.options?.frozen) return;
  if (owner === cls || info.fields!.some((f) => f.name === name)) throw new FrozenInstanceError(`cannot ${what} field ${repr(name)}`);
}

/** `obj.name(*args, **keywords)` without making the bound method. */
export function callAttr(obj: PyValue, name: string, args: PyValue[], keywords?: Record<string, PyValue>): PyValue {
  const cls = classOf(obj);
  if (cls !== undefined && !INSTANCE_DICTS.get(obj as object)?.has(name)) {
    const found = lookup(cls, name);
    if (found !== undefined && found.value instanceof PyFunction) return call(found.value, [obj, ...args], keywords);
  }
  return call(getattr(obj, name), args, keywords);
}

/** `super()` in a method of `cls` whose first parameter is `self`. */
export function superOf(cls: PyValue, self: PyValue): Super {
  if (self === undefined) throw new TypeError('super(): no arguments');
  return new Super(cls as Function, self);
}

// ---------------------------------------------------------------------------- operations

/** The special method `name` of `v`'s user class, or undefined. */
function special(v: PyValue, name: string): PyValue | undefined {
  const cls = classOf(v);
  return cls === undefined ? undefined : lookup(cls, name)?.value;
}

/** object_repr: `<__main__.C object at 0x...>`. */
function baseRepr(v: PyValue): string {
  if (v instanceof BaseException) {
    const args = (v.args as PyValue[]).map((a) => repr(a));
    return `${typeName(v)}(${args.join(', ')})`;
  }
  return `<__main__.${typeName(v)} object at ${objectAddress(v as object)}>`;
}

/** object_str (repr) or BaseException_str. */
function baseStr(v: PyValue): string {
  if (v instanceof BaseException) {
    const args = v.args as PyValue[];
    return args.length === 0 ? '' : args.length === 1 ? String(objectHooks.str(args[0]) ?? strOf(args[0])) : repr(args as unknown as PyValue);
  }
  return reprOf(v);
}

let strOf: (v: PyValue) => string = (v) => String(v);
/** str.ts's `str`, handed over when py.ts loads (a direct import would be a cycle at load time). */
export function setStr(fn: (v: PyValue) => string): void {
  strOf = fn;
}

function checkedText(result: PyValue, method: string): string {
  if (typeof result !== 'string') throw new TypeError(`${method} returned non-string (type ${typeName(result)})`);
  return result;
}

function reprOf(v: PyValue): string {
  const own = special(v, '__repr__');
  if (own !== undefined) return checkedText(call(own, [v]), '__repr__');
  const tuple = tupleFieldsOf(v);
  if (tuple !== undefined) return `${typeName(v)}(${tuple.map((f, k) => `${f.name}=${repr((v as PyTuple).items[k])}`).join(', ')})`;
  const fields = fieldsOf(v);
  if (fields !== undefined) return `${typeName(v)}(${fields.filter((f) => f.repr).map((f) => `${f.name}=${repr(getattr(v, f.name))}`).join(', ')})`;
  return baseRepr(v);
}

/** The dataclass fields of `v`'s class, or undefined. */
function fieldsOf(v: PyValue): ClassInfo['fields'] {
  return dataclassOf(v)?.fields;
}

/** The dataclass `v`'s class is (the nearest in its MRO), or undefined. */
function dataclassOf(v: PyValue): ClassInfo | undefined {
  const cls = classOf(v);
  return cls === undefined ? undefined : userMro(cls).find(([, i]) => i.fields !== undefined)?.[1];
}

/** The compared fields of a dataclass instance, as the tuple its generated __eq__/__lt__ compare. */
function compareTuple(v: PyValue, info: ClassInfo): PyValue {
  return new PyTuple(info.fields!.filter((f) => f.compare).map((f) => getattr(v, f.name)));
}

const REFLECTED = { '<': '__gt__', '<=': '__ge__', '>': '__lt__', '>=': '__le__' } as const;
const ORDER = { '<': '__lt__', '<=': '__le__', '>': '__gt__', '>=': '__ge__' } as const;

objectHooks.repr = (v) => {
  const info = infoOf(v);
  if (info !== undefined) return `<class '__main__.${info.name}'>`;
  if (v instanceof Super) return `<super: <class '${(CLASSES.get(v.cls)?.name ?? '?')}'>, <${typeName(v.self)} object>>`;
  return classOf(v) === undefined ? undefined : reprOf(v as PyValue);
};
objectHooks.str = (v) => {
  if (infoOf(v) !== undefined) return objectHooks.repr(v);
  if (classOf(v) === undefined) return undefined;
  const own = special(v as PyValue, '__str__');
  if (own !== undefined) return checkedText(call(own, [v as PyValue]), '__str__');
  return v instanceof BaseException ? baseStr(v) : reprOf(v as PyValue);
};
objectHooks.eq = (a, b) => {
  // method_richcompare: the same function bound to the same object.
  if (a instanceof BoundMethod && b instanceof BoundMethod) return a.func === b.func && a.self === b.self;
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const own = special(x, '__eq__');
    if (own !== undefined) return truthyOf(call(own, [x, y]));
  }
  // A dataclass's __eq__: the same class, then the compared fields as tuples.
  const info = dataclassOf(a);
  if (info !== undefined && (info.options?.eq ?? true) && classOf(a) === classOf(b)) return eqOf(compareTuple(a, info), compareTuple(b, info));
  return undefined;
};
objectHooks.ne = (a, b) => {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const own = special(x, '__ne__');
    if (own !== undefined) return truthyOf(call(own, [x, y]));
  }
  return undefined;
};
objectHooks.order = (a, b, op) => {
  const own = special(a, ORDER[op]);
  if (own !== undefined) return truthyOf(call(own, [a, b]));
  const reflected = special(b, REFLECTED[op]);
  if (reflected !== undefined) return truthyOf(call(reflected, [b, a]));
  // `@dataclass(order=True)`: the same class, then the compared fields as tuples (else NotImplemented both ways).
  const info = dataclassOf(a);
  if (info?.options?.order && classOf(a) === classOf(b)) return truthyOf(orderOf(compareTuple(a, info), compareTuple(b, info), op));
  return undefined;
};
objectHooks.truthy = (v) => {
  const b = special(v, '__bool__');
  if (b !== undefined) {
    const result = call(b, [v]);
    if (typeof result !== 'boolean') throw new TypeError(`__bool__ should return bool, returned ${typeName(result)}`);
    return result;
  }
  const n = objectHooks.len(v);
  return n === undefined ? (classOf(v) === undefined ? undefined : true) : n > 0n;
};
objectHooks.len = (v) => {
  const l = special(v, '__len__');
  if (l === undefined) return undefined;
  const result = call(l, [v]);
  if (typeof result === 'boolean') return result ? 1n : 0n;
  if (typeof result !== 'bigint') throw new TypeError(`'${typeName(result)}' object cannot be interpreted as an integer`);
  if (result < 0n) throw new ValueError('__len__() should return >= 0');
  return result;
};
objectHooks.call = (callee, positional, keywords) => {
  if (infoOf(callee) !== undefined) return { value: instantiate(callee as Function, positional, keywords) };
  if (callee instanceof BoundMethod) return { value: call(callee.func, [callee.self, ...positional], keywords) };
  const dunderCall = special(callee, '__call__'); // an instance of a class that defines __call__
  if (dunderCall !== undefined) return { value: call(dunderCall, [callee, ...positional], keywords) };
  // A def or lambda passed to a builtin that calls it (`sorted(key=lambda j: j.cost)`): callable.ts has no PyFunction case.
  if (callee instanceof PyFunction || callee instanceof PyPartial) return { value: call(callee, positional, keywords) };
  return undefined;
};
objectHooks.method = (obj, method, args, keywords) => {
  const cls = classOf(obj) ?? (infoOf(obj) !== undefined ? (obj as Function) : undefined);
  if (cls === undefined || (infoOf(obj) === undefined && lookup(cls, method) === undefined && !INSTANCE_DICTS.get(obj as object)?.has(method))) return undefined;
  return { value: callAttr(obj, method, args, Object.keys(keywords).length > 0 ? keywords : undefined) };
};
objectHooks.hash = (v, hashOf) => {
  const cls = classOf(v);
  if (cls === undefined) return undefined;
  if ((v as { pyUnhashable?: boolean }).pyUnhashable === true) throw new TypeError(`unhashable type: '${typeName(v)}'`);
  if (lookup(cls, '__hash__') !== undefined) return userHash.call(v as object);
  const info = dataclassOf(v);
  if (info?.options?.frozen && (info.options.eq ?? true)) return hashOf(compareTuple(v, info));
  return undefined;
};
objectHooks.iter = (v) => {
  const own = special(v, '__iter__');
  if (own !== undefined) {
    const it = call(own, [v]);
    if (classOf(it) !== undefined) {
      if (special(it, '__next__') === undefined) throw new TypeError(`iter() returned non-iterator of type '${typeName(it)}'`);
      return stepped(it);
    }
    if (!(it instanceof PyIterator)) throw new TypeError(`iter() returned non-iterator of type '${typeName(it)}'`);
    return it;
  }
  if (special(v, '__getitem__') !== undefined) return indexed(v);
  return undefined;
};
objectHooks.next = (v) => {
  const own = special(v, '__next__');
  return own === undefined ? undefined : { value: call(own, [v]) };
};
objectHooks.getitem = (v, i) => {
  const own = special(v, '__getitem__');
  return own === undefined ? undefined : { value: call(own, [v, i]) };
};
objectHooks.contains = (v, item) => {
  const own = special(v, '__contains__');
  if (own !== undefined) return truthyOf(call(own, [v, item]));
  if (classOf(v) === undefined || (special(v, '__iter__') === undefined && special(v, '__getitem__') === undefined)) return undefined;
  // PySequence_Contains without sq_contains: iterate, `is` or `==`.
  for (const x of objectHooks.iter(v)!) if (x === item || eqOf(x, item)) return true;
  return false;
};
objectHooks.isClass = (v) => infoOf(v) !== undefined;

/** A user iterator stepped by its `__next__` until StopIteration (what a for loop does with it). */
function* stepped(it: PyValue): Generator<PyValue> {
  const next = () => callAttr(it, '__next__', []);
  for (;;) {
    let value: PyValue;
    try {
      value = next();
    } catch (e) {
      if (e instanceof StopIteration) return;
      throw e;
    }
    yield value;
  }
}

/** The old sequence protocol (iterobject.c seqiter): `v[0]`, `v[1]`... until IndexError or StopIteration. */
function* indexed(v: PyValue): Generator<PyValue> {
  for (let i = 0n; ; i++) {
    let value: PyValue;
    try {
      value = callAttr(v, '__getitem__', [i]);
    } catch (e) {
      if (e instanceof IndexError || e instanceof StopIteration) return;
      throw e;
    }
    yield value;
  }
}

type Order = (a: PyValue, b: PyValue, op: '<' | '<=' | '>' | '>=') => PyValue;
let truthyOf: (v: PyValue) => boolean = (v) => Boolean(v);
let eqOf: (a: PyValue, b: PyValue) => boolean = (a, b) => a === b;
let orderOf: Order = () => false;
/** ops.ts's `truthy`, `eq` and order comparisons, handed over when py.ts loads. */
export function setOps(truthy: (v: PyValue) => boolean, eq: (a: PyValue, b: PyValue) => boolean, order: Order): void {
  truthyOf = truthy;
  eqOf = eq;
  orderOf = order;
}

/** `isinstance(x, C)` for a user class (and what `except C` matches). */
export function isUserClass(v: unknown): v is ExceptionClass {
  return infoOf(v) !== undefined;
}
