/**
 * Classes in the emitted TypeScript (issue 8 item 2): a `class` statement becomes one call of
 * the runtime's `py.defineClass(name, base, members)` (runtime/classes.ts), whose members are
 * the class body's bindings in source order, each method a `py.func` made like a nested def
 * of the module (its qualname `C.m`); attributes go through `py.getattr`/`py.setattr`/
 * `py.delattr`, so an attribute name never becomes a JS property access.
 */
import type { LineWriter } from './line-writer.ts';
import type { ClassDef, Expr, FunctionDef } from '../ir/program.ts';
import { tsString } from './names.ts';

/** What emit-classes.ts needs of the emitter, bound to one context. */
export interface ClassEmitter<C> {
  expr(e: Expr, ctx: C): { code: string };
  functionValue(def: FunctionDef, ctx: C): string;
  nameRef(id: string, ctx: C): string;
}

/** `C = py.defineClass('C', Base, [['x', 1n], ['m', py.func(...)], ['s', py.func(...), 'staticmethod']]);` */
export function emitClass<C>(w: LineWriter, c: ClassDef, ctx: C, emitter: ClassEmitter<C>, owners: Map<FunctionDef, ClassDef>): void {
  const base = c.namedTuple !== undefined ? 'py.NAMED_TUPLE' : c.base === undefined ? 'undefined' : emitter.expr(c.base, ctx).code;
  const members = c.body.flatMap((m) => {
    if (m.kind === 'pass') return [];
    if (m.kind === 'attr') return m.value === undefined ? [] : [`[${tsString(m.name)}, ${emitter.expr(m.value, ctx).code}]`];
    owners.set(m.def, c);
    const decorator = m.decorator === undefined ? '' : `, ${tsString(m.decorator)}`;
    return [`[${tsString(m.def.name)}, ${emitter.functionValue(m.def, ctx)}${decorator}]`];
  });
  let cls = `py.defineClass(${tsString(c.name)}, ${base}, [${members.join(', ')}])`;
  if (c.dataclass !== undefined) {
    // The fields, in order, each with whether it has a default (the class attribute of that name).
    const fields = c.body.flatMap((m) => (m.kind === 'attr' && m.annotated ? [`[${tsString(m.name)}, ${m.value !== undefined}]`] : []));
    const options = Object.entries(c.dataclassOptions ?? {}).map(([k, v]) => `${k}: ${v}`);
    cls = `py.dataclassFields(${cls}, [${fields.join(', ')}]${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`;
  }
  if (c.namedTuple !== undefined) {
    const fields = c.body.flatMap((m) => (m.kind === 'attr' && m.annotated ? [`[${tsString(m.name)}, ${m.value !== undefined}]`] : []));
    cls = `py.namedTupleClass(${cls}, [${fields.join(', ')}])`;
  }
  w.writeLine(`${emitter.nameRef(c.name, ctx)} = ${cls};`);
}

/** `super()` in a method of `owner`: the class (read as the module's global, as CPython's `__class__` cell holds it) and the first parameter. */
export function superCode(def: FunctionDef | undefined, owners: Map<FunctionDef, ClassDef>, nameRef: (id: string) => string, name: (id: string) => string): string {
  const owner = def === undefined ? undefined : owners.get(def);
  if (owner === undefined || def === undefined || def.params.length === 0) return `py.superOf(null, undefined)`;
  return `py.superOf(${nameRef(owner.name)}, ${name(def.params[0].name)})`;
}
