/**
 * The emitter's text builder: code-block-writer's layout rules for the five calls the emitter
 * makes (`write`, `writeLine`, `newLine`, `blankLine`, `block`/`inlineBlock`), without its
 * character-by-character tracking of strings, comments and regular expressions.
 *
 * Why hand-written: that tracking was a quarter of the time to emit a program (bench/transpile.ts),
 * and it only decides one thing, that a line starting inside a multi-line string is not indented.
 * The emitter never writes one: every string and template literal it emits escapes its newlines
 * (transpile/names.ts tsString, templateText), so each line of text written starts with the
 * indentation of the block it is in, which is all this writer does.
 *
 * Invariant: text passed to `write`/`writeLine` has no newline inside a string literal.
 */
const INDENT = '  ';
const CRLF = /\r\n/g;
/** A newline the next line's text follows (an empty line is not indented). */
const NON_EMPTY_LINE_START = /\n(?=[^\n])/g;
/** INDENT repeated 0, 1, 2... times, made once each. */
const indents: string[] = [''];

function indentOf(level: number): string {
  while (indents.length <= level) indents.push(INDENT.repeat(indents.length));
  return indents[level];
}

export class LineWriter {
  /** What is written so far: one string grown by `+=` (V8 keeps it as a rope until it is read). */
  private text = '';
  /** The last character written ('' before any). */
  private last = '';
  private indentation = 0;
  /** After `block()`: whatever is written next starts on a new line. */
  private newLineOnNextWrite = false;

  /** Text, each of its lines indented as the current block (a line that goes on keeps its place). */
  write(text: string): this {
    this.flushPendingNewLine();
    this.writeIndented(text);
    return this;
  }

  /** Text on a line of its own. */
  writeLine(text: string): this {
    this.flushPendingNewLine();
    if (this.last !== '' && !this.isLastNewLine()) this.newLine();
    this.writeIndented(text);
    return this.newLine();
  }

  newLine(): this {
    this.newLineOnNextWrite = false;
    this.append('\n');
    return this;
  }

  /** An empty line (a line break first when the current line has text). */
  blankLine(): this {
    this.newLineIfLastNot();
    return this.newLine();
  }

  /** ` {`, the lines `body` writes one level deeper, `}`, and a new line before whatever follows. */
  block(body: () => void): this {
    this.flushPendingNewLine();
    if (this.last !== '' && !this.isLastNewLine() && this.last !== ' ') this.writeIndented(' ');
    this.inlineBlock(body);
    this.newLineOnNextWrite = true;
    return this;
  }

  /** `{`, the lines `body` writes one level deeper, `}`: the line goes on after it. */
  inlineBlock(body: () => void): this {
    this.flushPendingNewLine();
    this.write('{');
    this.newLineIfLastNot();
    this.indentation++;
    body();
    this.indentation--;
    this.newLineIfLastNot();
    return this.write('}');
  }

  toString(): string {
    return this.text;
  }

  private isLastNewLine(): boolean {
    return this.last === '\n';
  }

  private newLineIfLastNot(): void {
    this.flushPendingNewLine();
    if (!this.isLastNewLine()) this.newLine();
  }

  private flushPendingNewLine(): void {
    if (this.newLineOnNextWrite) this.newLine();
  }

  /**
   * Each line of `text` (split at `\r?\n`) indented as the block, a newline between them; an
   * empty line gets no indentation, except a `text` of one (empty) line (writePiece). One
   * regex replace, not a split: nested bodies are written into their parent's block, so this
   * runs over every line once per level it is nested at.
   */
  private writeIndented(text: string): void {
    if (!text.includes('\n')) {
      this.writePiece(text);
      return;
    }
    // `\r\n` -> `\n` leaves the same lines as split(/\r?\n/) (a lone `\r` stays in its line).
    const lines = text.includes('\r') ? text.replace(CRLF, '\n') : text;
    const indent = indentOf(this.indentation);
    // The first line goes on the current one; it is indented only when it starts a line and is not empty.
    if ((this.last === '' || this.last === '\n') && lines[0] !== '\n') this.append(indent);
    this.append(indent === '' ? lines : lines.replace(NON_EMPTY_LINE_START, `\n${indent}`));
  }

  /** A piece of one line; at the start of a line, the block's indentation first (even for ''). */
  private writePiece(piece: string): void {
    if (this.last === '' || this.last === '\n') this.append(indentOf(this.indentation));
    this.append(piece);
  }

  private append(text: string): void {
    if (text === '') return;
    this.text += text;
    this.last = text[text.length - 1];
  }
}
