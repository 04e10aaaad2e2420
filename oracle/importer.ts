/**
 * Reads a user's asyncio `.py` file into the program IR, with CPython's own parser (in the
 * oracle worker: oracle/python/importer.py). The file is parsed, never executed: what runs
 * afterwards, on every side, is the IR (printed back as Python for the oracle).
 */
import { readFile } from 'node:fs/promises';
import type { Program } from '../ir/program.ts';
import { validateProgram } from '../ir/validate.ts';
import { ProgramInputError } from './errors.ts';
import type { Oracle } from './oracles.ts';
import pkg from '../package.json' with { type: 'json' };

/** Throws ProgramInputError (`file:line:col: unsupported try statement`) for what the IR cannot hold. */
export async function importPythonFile(path: string, oracle: Oracle): Promise<Program> {
  return importPythonSource(decodePythonSource(await readFile(path), path), path, oracle);
}

export async function importPythonSource(source: string, filename: string, oracle: Oracle): Promise<Program> {
  // The worker's answer is JSON from another process: checked like any IR read from outside.
  const program = validateProgram(await oracle.importSource(source, filename), filename);
  // The importer's header holds only notes (e.g. where annotations were dropped).
  const notes = program.header?.notes;
  return {
    ...program,
    header: { generator: `asyncio-conformance ${pkg.version}`, source: filename, ...(notes ? { notes } : {}) },
  };
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** PEP 263: `coding[:=]\s*([-\w.]+)` in a comment on line 1 or 2. */
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_NAMES = new Set(['utf-8', 'utf8', 'u8', 'cp65001']);
/**
 * Cookies that read ASCII bytes as ASCII, so a plain-ASCII file means the same under them.
 * Not UTF-7 and friends: there `+AAo-` inside a comment is a newline that python3 would run.
 */
const ASCII_SAFE_NAMES = new Set(['ascii', 'us-ascii', 'latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1']);

/**
 * The text of a `.py` file as `python3 FILE.py` reads it: a UTF-8 BOM is dropped; a file
 * that is not valid UTF-8 is refused as python3 refuses it ("Non-UTF-8 code starting with
 * ..."). A PEP 263 coding cookie other than UTF-8 is not honoured: such a file is refused,
 * unless it is plain ASCII under an encoding that reads ASCII as ASCII (latin-1, ascii).
 */
export function decodePythonSource(bytes: Uint8Array, file: string): string {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const cookie = codingCookie(body);
  const ascii = body.every((b) => b < 0x80);
  const encoding = cookie?.name.toLowerCase().replaceAll('_', '-');
  if (cookie !== undefined && encoding !== undefined && !UTF8_NAMES.has(encoding) && !(ascii && ASCII_SAFE_NAMES.has(encoding))) {
    throw new ProgramInputError(file, cookie.line, 1, `unsupported coding declaration ${cookie.name} (save the file as UTF-8)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const { line, col, byte } = firstInvalidUtf8(body);
    const hex = `\\x${byte.toString(16).padStart(2, '0')}`;
    throw new ProgramInputError(
      file,
      line,
      col,
      `syntax error: Non-UTF-8 code starting with '${hex}' in file ${file} on line ${line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details`,
    );
  }
}

function codingCookie(bytes: Uint8Array): { name: string; line: number } | undefined {
  const head = Buffer.from(bytes.subarray(0, 400)).toString('latin1').split('\n').slice(0, 2);
  for (let i = 0; i < head.length; i++) {
    const match = CODING_COOKIE.exec(head[i]);
    if (match) return { name: match[1], line: i + 1 };
    // PEP 263: line 2 counts only when line 1 is a comment or blank.
    if (!/^[ \t\f]*(#.*)?\r?$/.test(head[i])) break;
  }
  return undefined;
}

/** Where the first byte that is not UTF-8 sits: its 1-based line, 1-based column in characters, and the byte. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; col: number; byte: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    if (valid && length > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + length));
      } catch {
        valid = false;
      }
    }
    if (!valid) {
      const col = [...decoder.decode(bytes.subarray(lineStart, i))].length + 1;
      return { line, col, byte: b };
    }
    if (b === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
    i += length;
  }
  return { line, col: 1, byte: bytes[bytes.length - 1] ?? 0 };
}
