/** How CPython's `repr` writes the inside of a string literal: shared by the printer and the port's `repr`. */
import { isPrintable } from './python-printable.ts';

export type Quote = "'" | '"';

/** Escapes `text` for the inside of a literal delimited by `quote`, as `repr(str)` does. */
export function escapeStringBody(text: string, quote: Quote): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (isPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** `repr(str)`: single quotes unless the text has `'` and no `"`. */
export function pythonStringRepr(text: string, forcedQuote?: Quote): string {
  const quote = forcedQuote ?? (text.includes("'") && !text.includes('"') ? '"' : "'");
  return `${quote}${escapeStringBody(text, quote)}${quote}`;
}
