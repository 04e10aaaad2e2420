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
   * Each line of `text` (split at `\r?\n`) as a piece, a newline between them; a line that is
   * empty gets no indentation, except a `text` of one (empty) line. Scanned with indexOf, not
   * split: nested bodies are written into their parent's block, so this runs over every
   * line once per level it is nested at.
   */
  private writeIndented(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) {
        if (start === 0) this.writePiece(text);
        else if (start < text.length) this.writePiece(text.slice(start));
        return;
      }
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (end > start) this.writePiece(text.slice(start, end));
      this.append('\n');
      start = newline + 1;
    }
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
