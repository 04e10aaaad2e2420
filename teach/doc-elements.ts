/**
 * A document as check-doc reads it: a flat list of elements in reading order (code blocks,
 * prose with its inline code spans, headings, a notebook's saved output), each with where it
 * sits in the document. The readers (`markdown-elements.ts`, `rst-elements.ts`,
 * `notebook-elements.ts`) make this list; `doc-extract.ts` pairs programs with claims on it,
 * so what a claim is does not depend on the format it was written in.
 */

/** One line of a code block and where its first character sits in the document (1-based). */
export interface SourceLine {
  text: string;
  line: number;
  col: number;
  /** A notebook's cell (1-based); `line` is then the line within the cell. */
  cell?: number;
}

export interface CodeElement {
  kind: 'code';
  /** The info string's first word, lower-cased (`python`, `text`, `pycon`); '' when none. */
  lang: string;
  lines: SourceLine[];
}

/** An inline code span and the prose before it (since the previous span), e.g. `This will return: ` + `shav, text, finished`. */
export interface InlineSpan {
  code: string;
  before: string;
  line: number;
  col: number;
  cell?: number;
}

export interface ProseElement {
  kind: 'prose';
  /** The paragraph as plain text (code spans included), to see whether it ends with ':'. */
  text: string;
  spans: InlineSpan[];
  line: number;
  cell?: number;
}

export interface HeadingElement {
  kind: 'heading';
  line: number;
  cell?: number;
}

/** A notebook code cell's saved stdout, as the notebook's author last ran it. */
export interface SavedOutputElement {
  kind: 'saved-output';
  text: string;
  cell: number;
}

export type DocElement = CodeElement | ProseElement | HeadingElement | SavedOutputElement;

/** `file:line:col`, or `file:cell N:line:col` in a notebook. */
export function where(file: string, at: { line: number; col: number; cell?: number }): string {
  return at.cell === undefined ? `${file}:${at.line}:${at.col}` : `${file}:cell ${at.cell}:${at.line}:${at.col}`;
}

/**
 * Lines of a block's content (a trailing newline ends the last line, it adds none) with the
 * document position of each: the line given, the column where the text starts in the raw line
 * (container prefixes such as `> ` or a list's indentation are what the column skips).
 */
export function placeLines(content: string, firstLine: number, raw: readonly string[], cell?: number): SourceLine[] {
  const texts = content.replace(/\n$/, '').split('\n');
  if (content === '') return [];
  return texts.map((text, i) => {
    const line = firstLine + i;
    const rawLine = raw[line - 1] ?? '';
    const found = text === '' ? -1 : rawLine.lastIndexOf(text);
    const col = found >= 0 ? found + 1 : 1;
    return cell === undefined ? { text, line, col } : { text, line, col, cell };
  });
}
