/**
 * `dataclasses.field(...)` and `dataclasses.FrozenInstanceError` (issue 8 item 1): what a
 * `@dataclass` body may bind a field to, read by classes.ts `dataclassFields`. Ports
 * Lib/dataclasses.py (field, Field, FrozenInstanceError), 3.11.
 */
import { AttributeError, TypeError, ValueError, registerExceptionClass, type ExceptionClass } from './exceptions.ts';
import { truthy } from './ops.ts';
import type { PyValue } from './values.ts';

/** What `field()` returns: the class body's value of a field, replaced by its default (or removed) when the class is processed. */
export class DataclassField {
  readonly __pyTypeName__ = 'Field';
  constructor(
    /** The default value; undefined: none (`MISSING`). */
    readonly default_: PyValue | undefined,
    /** The zero-argument callable that makes each instance's default; undefined: none. */
    readonly defaultFactory: PyValue | undefined,
    readonly repr: boolean,
    readonly compare: boolean,
    /** `init=False`: not a parameter of `__init__` (set from its default or factory, if any). */
    readonly init: boolean = true,
  ) {}
}

/** Ports dataclasses.field: keyword-only `default`, `default_factory`, `init`, `repr`, `compare` (the importer checks the names). */
export function field(args: PyValue[], kw: Record<string, PyValue> = {}): DataclassField {
  if (args.length > 0) throw new TypeError(`field() takes 0 positional arguments but ${args.length} were given`);
  if (kw.default !== undefined && kw.default_factory !== undefined) throw new ValueError('cannot specify both default and default_factory');
  return new DataclassField(kw.default, kw.default_factory, flag(kw.repr), flag(kw.compare), flag(kw.init));
}

/** `repr=` and `compare=` are tested for truth by dataclasses.py. */
function flag(v: PyValue | undefined): boolean {
  return v === undefined ? true : truthy(v);
}

/** Ports dataclasses.FrozenInstanceError (an AttributeError), raised by a frozen dataclass's `__setattr__`/`__delattr__`. */
export class FrozenInstanceError extends AttributeError {}
registerExceptionClass('dataclasses.FrozenInstanceError', FrozenInstanceError as unknown as ExceptionClass);
registerExceptionClass('FrozenInstanceError', FrozenInstanceError as unknown as ExceptionClass); // by its __name__ (tracebackLastLine)
