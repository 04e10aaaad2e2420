/**
 * The part of code-block-writer's `CodeBlockWriter` (v13) the emitter uses (`write`,
 * `writeLine`, `newLine`, `blankLine`, `block`, `inlineBlock`, `toString`), with its options
 * fixed to two-space indentation and `\n` newlines, writing the very same bytes.
 *
 * Why not the library: it pays several method calls, a Set lookup and a walk back over its
 * chunk array for every character it writes, and the emitter writes each function body twice
 * (built on its own, then written into the module). That was most of emit's cost. This class
 * keeps the library's behaviour, quirks included, so transpiled text does not change:
 *
 * - a line starts with the indentation unless the writer believes it is inside a string or
 *   template literal (a template with a raw newline keeps its text as is);
 * - the string/comment/regex tracking is the library's `_updateInternalState`, character for
 *   character (a quote after a backslash counts as escaped even after `\\`, a `/` outside
 *   strings starts a "regex" until the next `/` or newline, a line comment ends at a newline,
 *   a quoted string is dropped at a newline);
 * - blank lines get no indentation; `write('')` at the start of a line writes the indentation.
 *
 * test/port/transpile/writer.test.ts checks random operation sequences against the library.
 */

const BACK_SLASH = 0x5c;
const FORWARD_SLASH = 0x2f;
const NEW_LINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const ASTERISK = 0x2a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACK_TICK = 0x60;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOLLAR_SIGN = 0x24;
const SPACE = 0x20;
/** Any character `updateInternalState` reacts to. */
const TRACKED = /[\\/\n\r*"'`{}]/;
/** No character (before the start of the text). */
const NONE = -1;

/** Comment states: none, a line comment (until the newline), a block comment (until its end). */
const Comment = { None: 0, Line: 1, Star: 2 } as const;
type Comment = (typeof Comment)[keyof typeof Comment];

/** Indentation strings by level (levels stay small: blocks nest a few deep). */
const INDENTS: string[] = [''];
function indentText(level: number): string {
  while (INDENTS.length <= level) INDENTS.push(`${INDENTS[INDENTS.length - 1]}  `);
  return INDENTS[level];
}

export class CodeWriter {
  private text = '';
  /** The last two character codes written (NONE before the start). */
  private last = NONE;
  private beforeLast = NONE;
  private indentation = 0;
  private newLineOnNextWrite = false;
  private comment: Comment = Comment.None;
  private inRegEx = false;
  /** Open quotes, backticks and `${` braces, innermost last. */
  private readonly stringChars: number[] = [];

  write(text: string): this {
    this.newLineIfNewLineOnNextWrite();
    this.writeIndentingNewLines(text);
    return this;
  }

  writeLine(text: string): this {
    this.newLineIfNewLineOnNextWrite();
    if (this.last !== NONE) this.newLineIfLastNot();
    this.writeIndentingNewLines(text);
    this.newLine();
    return this;
  }

  newLine(): this {
    this.newLineOnNextWrite = false;
    this.baseWriteNewline();
    return this;
  }

  blankLine(): this {
    return this.newLineIfLastNot().newLine();
  }

  /** ` {`, the indented body, `}`; what is written next starts on a new line. */
  block(body: () => void): this {
    this.newLineIfNewLineOnNextWrite();
    if (this.text.length > 0 && !this.isLastNewLine()) this.spaceIfLastNot();
    this.inlineBlock(body);
    this.newLineOnNextWrite = true;
    return this;
  }

  /** `{`, the indented body, `}`, and nothing after it. */
  inlineBlock(body: () => void): this {
    this.newLineIfNewLineOnNextWrite();
    this.write('{');
    if (this.last !== NONE) this.newLineIfLastNot();
    this.indentation++;
    body();
    this.indentation = Math.max(0, this.indentation - 1);
    this.newLineIfLastNot().write('}');
    return this;
  }

  toString(): string {
    return this.text;
  }

  /**
   * Whether text written now starts outside any string, template, comment or regex the
   * library would believe open: then writing a body here reads as if it had been built on a
   * fresh writer and written in, which is what lets the emitter write bodies in place.
   */
  isClean(): boolean {
    return this.stringChars.length === 0 && this.comment === Comment.None && !this.inRegEx;
  }

  /** Where `insertLines` can later put lines: the current end, which must start a line. */
  mark(): number {
    if (this.newLineOnNextWrite || (this.text.length > 0 && !this.isLastNewLine())) throw new Error('CodeWriter.mark: not at the start of a line');
    return this.text.length;
  }

  /**
   * Inserts whole lines at a `mark()`, at the current indentation, as if they had been
   * written there. They must hold none of the characters the string/comment tracking reads
   * (declarations like `let x!: bigint;`), so that tracking after them is unchanged.
   */
  insertLines(position: number, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const indent = indentText(this.indentation);
    let inserted = '';
    for (const line of lines) {
      if (TRACKED.test(line)) throw new Error(`CodeWriter.insertLines: a line the tracking would read: ${line}`);
      inserted += line === '' ? '\n' : `${indent}${line}\n`;
    }
    if (position === this.text.length) {
      this.append(inserted);
      return;
    }
    this.text = this.text.slice(0, position) + inserted + this.text.slice(position);
  }

  // -------------------------------------------------------------------------- internals

  private newLineIfLastNot(): this {
    this.newLineIfNewLineOnNextWrite();
    if (!this.isLastNewLine()) this.newLine();
    return this;
  }

  private spaceIfLastNot(): void {
    this.newLineIfNewLineOnNextWrite();
    if (this.last !== SPACE) this.writeIndentingNewLines(' ');
  }

  private newLineIfNewLineOnNextWrite(): void {
    if (!this.newLineOnNextWrite) return;
    this.newLineOnNextWrite = false;
    this.newLine();
  }

  private isLastNewLine(): boolean {
    return this.last === NEW_LINE || this.last === CARRIAGE_RETURN;
  }

  private isInString(): boolean {
    const n = this.stringChars.length;
    return n > 0 && this.stringChars[n - 1] !== OPEN_BRACE;
  }

  private baseWriteNewline(): void {
    if (this.comment === Comment.Line) this.comment = Comment.None;
    const top = this.stringChars[this.stringChars.length - 1];
    if ((top === DOUBLE_QUOTE || top === SINGLE_QUOTE) && this.last !== BACK_SLASH) this.stringChars.pop();
    this.append('\n');
  }

  /** Splits at `\r?\n` as the library does; each line piece is indented unless inside a string. */
  private writeIndentingNewLines(text: string): void {
    if (text.length === 0) {
      this.writeIndividual('');
      return;
    }
    let start = 0;
    for (let first = true; ; first = false) {
      const end = text.indexOf('\n', start);
      let pieceEnd = end === -1 ? text.length : end;
      // `\r\n` splits like `\n`: the `\r` belongs to the separator.
      if (end !== -1 && pieceEnd > start && text.charCodeAt(pieceEnd - 1) === CARRIAGE_RETURN) pieceEnd--;
      if (!first) this.baseWriteNewline();
      if (pieceEnd > start) this.writeIndividual(start === 0 && pieceEnd === text.length ? text : text.slice(start, pieceEnd));
      if (end === -1) return;
      start = end + 1;
    }
  }

  private writeIndividual(s: string): void {
    if (!this.isInString() && (this.isLastNewLine() || this.last === NONE)) this.append(indentText(this.indentation));
    this.updateInternalState(s);
    this.append(s);
  }

  private append(s: string): void {
    const n = s.length;
    if (n === 0) return;
    this.text += s;
    this.beforeLast = n >= 2 ? s.charCodeAt(n - 2) : this.last;
    this.last = s.charCodeAt(n - 1);
  }

  /** The library's `_updateInternalState`: string, comment and regex tracking over `s`. */
  private updateInternalState(s: string): void {
    const stack = this.stringChars;
    for (let i = 0; i < s.length; i++) {
      const current = s.charCodeAt(i);
      switch (current) {
        case BACK_SLASH:
        case FORWARD_SLASH:
        case NEW_LINE:
        case CARRIAGE_RETURN:
        case ASTERISK:
        case DOUBLE_QUOTE:
        case SINGLE_QUOTE:
        case BACK_TICK:
        case OPEN_BRACE:
        case CLOSE_BRACE:
          break;
        default:
          continue;
      }
      const past = i === 0 ? this.last : s.charCodeAt(i - 1);
      const pastPast = i === 0 ? this.beforeLast : i === 1 ? this.last : s.charCodeAt(i - 2);
      const inString = stack.length > 0 && stack[stack.length - 1] !== OPEN_BRACE;
      if (this.inRegEx) {
        if ((past === FORWARD_SLASH && pastPast !== BACK_SLASH) || past === NEW_LINE) this.inRegEx = false;
        else continue;
      } else if (!inString && this.comment === Comment.None && isRegExStart(current, past, pastPast)) {
        this.inRegEx = true;
        continue;
      }
      if (!inString) {
        if (this.comment === Comment.None && past === FORWARD_SLASH && current === FORWARD_SLASH) this.comment = Comment.Line;
        else if (this.comment === Comment.None && past === FORWARD_SLASH && current === ASTERISK) this.comment = Comment.Star;
        else if (this.comment === Comment.Star && past === ASTERISK && current === FORWARD_SLASH) this.comment = Comment.None;
      }
      if (this.comment !== Comment.None) continue;
      const top = stack.length === 0 ? undefined : stack[stack.length - 1];
      if (past !== BACK_SLASH && (current === DOUBLE_QUOTE || current === SINGLE_QUOTE || current === BACK_TICK)) {
        if (top === current) stack.pop();
        else if (top === OPEN_BRACE || top === undefined) stack.push(current);
      } else if (pastPast !== BACK_SLASH && past === DOLLAR_SIGN && current === OPEN_BRACE && top === BACK_TICK) {
        stack.push(current);
      } else if (current === CLOSE_BRACE && top === OPEN_BRACE) {
        stack.pop();
      }
    }
  }
}

function isRegExStart(current: number, past: number, pastPast: number): boolean {
  return past === FORWARD_SLASH && current !== FORWARD_SLASH && current !== ASTERISK && pastPast !== ASTERISK && pastPast !== FORWARD_SLASH;
}
