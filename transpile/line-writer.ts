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
const NEWLINE = /\r?\n/;
const INDENT = '  ';

export class LineWriter {
  private readonly texts: string[] = [];
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
    if (this.texts.length > 1) {
      const text = this.texts.join('');
      this.texts.length = 0;
      this.texts.push(text);
    }
    return this.texts[0] ?? '';
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

  private writeIndented(text: string): void {
    if (!text.includes('\n')) {
      this.writePiece(text);
      return;
    }
    const pieces = text.split(NEWLINE);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) this.append('\n');
      if (pieces[i] !== '') this.writePiece(pieces[i]);
    }
  }

  /** A piece of one line; at the start of a line, the block's indentation first (even for ''). */
  private writePiece(piece: string): void {
    if (this.last === '' || this.last === '\n') this.append(INDENT.repeat(this.indentation));
    this.append(piece);
  }

  private append(text: string): void {
    if (text === '') return;
    this.texts.push(text);
    this.last = text[text.length - 1];
  }
}
