/**
 * The comment block every generated program starts with (Csmith/YARPGen style): the
 * generator, the seed and fast-check path, the constraints, and the command that replays
 * the program. Shared by the Python printer (`#`) and the TypeScript emitter (`//`).
 */
import type { ProgramHeader } from './program.ts';

/** The first line of every generated program; `header.generator` normally reads `asyncio-conformance 0.1.0`. */
function titleLine(header: ProgramHeader): string {
  return header.source !== undefined && header.seed === undefined ? `read by ${header.generator} from ${header.source}` : `${header.generator} generated program`;
}

/**
 * The comment lines of a program header, each starting with `commentPrefix` and one space
 * (an empty note line is just the prefix). Lines appear only for the fields that are set:
 *
 * ```
 * # asyncio-conformance 0.1.0 generated program
 * # seed: 42  path: "17"
 * # constraints: {"maxFunctions":3}
 * # replay: npx asyncio-conformance check --seed 42 --path 17
 * ```
 *
 * The replay line needs both a seed and a path; its flags are the CLI's (`cli/`).
 */
export function headerLines(header: ProgramHeader, commentPrefix = '#'): string[] {
  const lines: string[] = [titleLine(header)];
  const position: string[] = [];
  if (header.seed !== undefined) position.push(`seed: ${header.seed}`);
  if (header.path !== undefined) position.push(`path: ${JSON.stringify(header.path)}`);
  if (position.length > 0) lines.push(position.join('  '));
  if (header.source !== undefined && header.seed !== undefined) lines.push(`source: ${header.source}`);
  if (header.constraints !== undefined) lines.push(`constraints: ${JSON.stringify(header.constraints)}`);
  if (header.seed !== undefined && header.path !== undefined) {
    const constraints = header.constraints !== undefined ? ` --constraints '${JSON.stringify(header.constraints)}'` : '';
    lines.push(`replay: npx asyncio-conformance check --seed ${header.seed} --path ${header.path}${constraints}`);
  }
  for (const note of header.notes ?? []) {
    // A note may hold several lines; each must stay a comment.
    for (const noteLine of note.split('\n')) lines.push(noteLine);
  }
  return lines.map((line) => (line === '' ? commentPrefix : `${commentPrefix} ${escapeBreaks(line)}`));
}

/**
 * A field holding a line break (a file named `a\nb.py`) would end its comment and start code
 * in the printed Python or the emitted TypeScript: every character either language or a
 * terminal could take as a break or a control is escaped (`\x0a`).
 */
function escapeBreaks(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
