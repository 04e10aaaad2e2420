/**
 * Where in the Python source a refusal of the port's runtime happened (a set of tasks iterated or
 * printed, `hash()` of a str: runtime/hash.ts UnstableHash), so that it reads `file:line:col:
 * unsupported ...` as the importer's refusals do. The importer cannot tell a set of tasks from a
 * set of ints; the run can. The line: the innermost frame of the compiled program in the error's
 * JS stack, read back to the nearest SOURCE_LINE_MARKER comment before that point (compileForPort
 * keeps one before each statement). The column: that statement's first character in the file.
 */
import { readFileSync } from 'node:fs';
import { SOURCE_LINE_MARKER } from './emit.ts';

/** Lines `new AsyncFunction('$rt', body)` puts before the body (`async function anonymous($rt\n) {`). */
const FUNCTION_HEADER_LINES = 2;

/** A frame of the compiled program: `(eval at compileForPort (...), <anonymous>:LINE:COL)`. */
const PROGRAM_FRAME = /eval at .*<anonymous>:(\d+):(\d+)\)?$/;

/** The Python line of the innermost program frame of `stack`, given the compiled body `js`; undefined when none is found. */
export function sourceLineOf(stack: string | undefined, js: string): number | undefined {
  for (const frame of (stack ?? '').split('\n')) {
    const m = PROGRAM_FRAME.exec(frame.trim());
    if (!m) continue;
    const lines = js.split('\n');
    const line = Number(m[1]) - FUNCTION_HEADER_LINES;
    if (line < 1 || line > lines.length) return undefined;
    const before = [...lines.slice(0, line - 1), lines[line - 1].slice(0, Number(m[2]) - 1)].join('\n');
    const markers = [...before.matchAll(SOURCE_LINE_MARKER)];
    return markers.length > 0 ? Number(markers[markers.length - 1][1]) : undefined;
  }
  return undefined;
}

/** `file:line:col` of a statement's source line (the column of its first character), or `line N` without a readable file. */
export function sourcePosition(file: string | undefined, line: number): string {
  if (file === undefined) return `line ${line}`;
  let col = 1;
  try {
    const text = readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';
    col = text.length - text.trimStart().length + 1;
  } catch {
    // the file went away since it was imported: the line alone still says where
  }
  return `${file}:${line}:${col}`;
}
