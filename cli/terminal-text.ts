/**
 * A program's text on its way to a terminal. A generated or user program can hold any
 * character in its strings; printed raw, ESC (`\x1b[2J`), a C1 CSI (`\x9b`), a carriage return
 * or a bidi override (`\u202e`) would repaint, clear or reorder the user's terminal. Everything
 * the tool itself says (summaries, minimal programs, traces, error messages) goes through
 * `terminalSafe`; only `run` writes the program's own output as the program wrote it, as
 * `python3` does.
 */

/**
 * Control characters (Unicode category Cc: C0, DEL, C1) other than newline and tab, and the
 * bidirectional formatting characters (the "Trojan Source" set).
 */
const UNSAFE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Escapes them as Python writes them in a repr: `\x1b`, `\r`, `\u202e`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    if (ch === '\r') return '\\r';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls but leaves C1 and bidi characters
 * raw; `\u` escapes for those keep the JSON's value the same.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
