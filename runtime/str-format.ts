/**
 * `str.format(*args, **kwargs)`: literal text, `{{`/`}}`, fields `{}`/`{0}`/`{name}`, a
 * conversion `!r`/`!s`/`!a` and a spec (itself expanded once: `{:{width}}`), rendered by
 * format.ts as f-strings are. Attribute and index access in a field (`{0.attr}`, `{0[k]}`)
 * is outside the subset: the importer refuses such templates (and any template that is not
 * a literal), so the runtime meets one only in IR made by hand, and refuses it too.
 *
 * Ports Objects/stringlib/unicode_format.h (MarkupIterator_next, parse_field,
 * field_name_split, get_field_object, do_conversion, build_string), 3.11, messages included.
 */
import { IndexError, KeyError, ValueError } from './exceptions.ts';
import { format } from './format.ts';
import { chars } from './sequences.ts';
import { repr, str } from './str.ts';
import type { PyValue } from './values.ts';

/** Keyword arguments of the call (`name=value`). */
type Fields = Record<string, PyValue>;

interface AutoNumber {
  state: 'init' | 'auto' | 'manual';
  next: number;
}

/** Raised for a field the subset does not allow; never reached from an imported program. */
export class UnsupportedFormatField extends Error {
  override readonly name = 'UnsupportedFormatField';
}

/** `template.format(*args, **kwargs)`. */
export function strFormat(template: string, args: readonly PyValue[], kwargs: Fields): string {
  return build(chars(template), args, kwargs, 2, { state: 'init', next: 0 });
}

function build(cs: string[], args: readonly PyValue[], kwargs: Fields, depth: number, auto: AutoNumber): string {
  if (depth <= 0) throw new ValueError('Max string recursion exceeded');
  const n = cs.length;
  let out = '';
  let i = 0;
  while (i < n) {
    // Literal text up to the first brace.
    const start = i;
    let c = '';
    let markup = false;
    while (i < n) {
      c = cs[i++];
      if (c === '{' || c === '}') {
        markup = true;
        break;
      }
    }
    const atEnd = i >= n;
    let len = i - start;
    if (markup && c === '}' && (atEnd || cs[i] !== c)) throw new ValueError("Single '}' encountered in format string");
    if (markup && atEnd && c === '{') throw new ValueError("Single '{' encountered in format string");
    if (markup && !atEnd) {
      if (cs[i] === c) {
        i++; // an escaped brace: the literal keeps one
        markup = false;
      } else len--;
    }
    out += cs.slice(start, start + len).join('');
    if (!markup) continue;

    // parse_field: the field name ends at '}', ':' or '!'.
    const nameStart = i;
    let t = '';
    while (i < n) {
      t = cs[i++];
      if (t === '{') throw new ValueError("unexpected '{' in field name");
      if (t === '[') {
        while (i < n && cs[i] !== ']') i++;
        continue;
      }
      if (t === '}' || t === ':' || t === '!') break;
    }
    const fieldName = cs.slice(nameStart, i - 1);
    let conversion = '';
    let spec: string[] = [];
    let expand = false;
    if (t === '!' || t === ':') {
      let done = false;
      if (t === '!') {
        if (i >= n) throw new ValueError('end of string while looking for conversion specifier');
        conversion = cs[i++];
        if (i < n) {
          const after = cs[i++];
          if (after === '}') done = true;
          else if (after !== ':') throw new ValueError("expected ':' after conversion specifier");
        }
      }
      if (!done) {
        const specStart = i;
        let depthCount = 1;
        for (;;) {
          if (i >= n) throw new ValueError("unmatched '{' in format spec");
          const s = cs[i++];
          if (s === '{') {
            expand = true;
            depthCount++;
          } else if (s === '}' && --depthCount === 0) break;
        }
        spec = cs.slice(specStart, i - 1);
      }
    } else if (t !== '}') throw new ValueError("expected '}' before end of string");

    let value = fieldObject(fieldName, args, kwargs, auto);
    if (conversion !== '') value = convert(value, conversion);
    const actualSpec = expand ? build(spec, args, kwargs, depth - 1, auto) : spec.join('');
    out += format(value, actualSpec);
  }
  return out;
}

const DECIMAL = /^\p{Nd}$/u;

/** get_integer: the field name as an index, or -1 when it is not all decimal digits. */
function integer(name: string[]): number {
  if (name.length === 0 || !name.every((d) => DECIMAL.test(d))) return -1;
  let value = 0;
  for (const d of name) {
    // A digit's value: its distance from the zero of its run of ten (Nd digits come in runs).
    let zero = d.codePointAt(0)!;
    while (DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
    const digit = (d.codePointAt(0)! - zero) % 10;
    if (value > (Number.MAX_SAFE_INTEGER - digit) / 10) throw new ValueError('Too many decimal digits in format string');
    value = value * 10 + digit;
  }
  return value;
}

/** field_name_split + get_field_object, without the `.attr`/`[key]` chain (refused). */
function fieldObject(name: string[], args: readonly PyValue[], kwargs: Fields, auto: AutoNumber): PyValue {
  const cut = name.findIndex((c) => c === '.' || c === '[');
  const first = cut < 0 ? name : name.slice(0, cut);
  let index = integer(first);
  const empty = first.length === 0;
  if (empty || index !== -1) {
    if (auto.state === 'init') auto.state = empty ? 'auto' : 'manual';
    if (auto.state === 'manual' && empty) throw new ValueError('cannot switch from manual field specification to automatic field numbering');
    if (auto.state !== 'manual' && !empty) throw new ValueError('cannot switch from automatic field numbering to manual field specification');
    if (empty) index = auto.next++;
  }
  let value: PyValue;
  if (index === -1) {
    const key = first.join('');
    if (!Object.hasOwn(kwargs, key)) throw keyError(key);
    value = kwargs[key];
  } else {
    if (index >= args.length) throw new IndexError(`Replacement index ${index} out of range for positional args tuple`);
    value = args[index];
  }
  if (cut >= 0) throw new UnsupportedFormatField(`unsupported attribute or index access in the str.format field {${name.join('')}}`);
  return value;
}

/** `KeyError(key)`: str() of a KeyError is the repr of its key. */
function keyError(key: string): KeyError {
  const error = new KeyError(key);
  Object.defineProperty(error, 'message', { value: repr(key) });
  return error;
}

/** do_conversion. */
function convert(value: PyValue, conversion: string): PyValue {
  switch (conversion) {
    case 'r':
      return repr(value);
    case 's':
      return str(value);
    case 'a':
      return ascii(repr(value));
  }
  const code = conversion.codePointAt(0)!;
  throw new ValueError(code > 32 && code < 127 ? `Unknown conversion specifier ${conversion}` : `Unknown conversion specifier \\x${code.toString(16)}`);
}

/** `ascii()`: the repr with every non-ASCII character escaped. */
function ascii(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x80) out += c;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out;
}
