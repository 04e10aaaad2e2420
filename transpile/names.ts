/**
 * Python names as TypeScript identifiers. Python names are kept as they are, except those
 * JavaScript reserves or the emitted module itself uses (its imports, the globals its
 * annotations mention): those get a `$` suffix, a character no Python name can contain,
 * so a renamed name never meets another. Temporaries are `$1`, `$2`... for the same reason.
 */

const RESERVED = new Set([
  // ECMAScript reserved words, strict-mode and module reserved words.
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async',
  'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  // TypeScript type names the emitted annotations use.
  'any', 'unknown', 'never', 'bigint', 'number', 'string', 'boolean', 'object', 'symbol', 'type', 'declare',
  'namespace', 'module', 'as', 'is', 'keyof', 'readonly', 'infer', 'satisfies', 'abstract', 'constructor', 'of',
  // What the emitted module imports or relies on.
  'asyncio', 'py', 'print', 'PyValue', 'PyTuple', 'PyRange', 'Promise', 'Iterable', 'Array', 'Object', 'Error',
  'globalThis', 'Symbol', 'Function', 'Math', 'JSON', 'BigInt', 'Number', 'String', 'Boolean', 'Set', 'Map',
  'console', 'process', 'require', 'exports',
]);

/** The TypeScript identifier for a Python name. */
export function tsName(pythonName: string): string {
  return RESERVED.has(pythonName) ? `${pythonName}$` : pythonName;
}

/** Numbered temporaries, one allocator per emitted function body. */
export class Temps {
  private next = 1;
  readonly declared: Array<{ name: string; type: string }> = [];
  fresh(type: string): string {
    const name = `$${this.next++}`;
    this.declared.push({ name, type });
    return name;
  }
}

/** The characters tsString escapes: text without any is quoted as it is. */
const NEEDS_ESCAPE = /[\\'\n\r\u2028\u2029\x00-\x1f\x7f\uD800-\uDFFF]/;

/** A TypeScript single-quoted string literal for any text. */
export function tsString(text: string): string {
  // Names and most literals need no escape: one test instead of eight replaces (the emitter's hottest helper).
  if (!NEEDS_ESCAPE.test(text)) return `'${text}'`;
  return `'${text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\uD800-\uDFFF]/g, surrogateEscape)}'`;
}

/** Text for inside a template literal (f-string literal parts); newlines escaped, as line-writer.ts relies on. */
export function templateText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/[\uD800-\uDFFF]/g, surrogateEscape);
}

/** Surrogates as escapes: a lone one would not survive being written as UTF-8. */
function surrogateEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16)}`;
}
