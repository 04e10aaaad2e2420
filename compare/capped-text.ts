/**
 * Text a side writes besides its trace (stderr, a crash message) is kept to a bounded size,
 * with a note of how much was cut: an exponential task fan-out once wrote 114 MB of warnings,
 * and a V8 stack overflow prints whole lines of (minified) source. Nothing a side prints
 * reaches the user unbounded.
 */

/** What `run`/`compare` show of a side's stderr at most. */
export const STDERR_LIMIT_BYTES = 8 * 1024;
/** What a crash message (`port crash: ...`) keeps at most. */
export const MESSAGE_LIMIT_CHARS = 1000;

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** `1234567` -> `1.2 MB`: how much was cut, for people. */
export function byteCount(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function cutNote(what: string, cutBytes: number): string {
  return `[asyncio-conformance: ${byteCount(cutBytes)} more of ${what} cut]`;
}

/** Collects a stream's first `limit` bytes and counts the rest; memory stays bounded whatever arrives. */
export class CappedText {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private cut = 0;

  constructor(
    private readonly what: string,
    private readonly limit: number = STDERR_LIMIT_BYTES,
  ) {}

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = this.limit - this.kept;
    if (room > 0) {
      const head = bytes.length <= room ? bytes : bytes.subarray(0, room);
      this.chunks.push(Buffer.from(head));
      this.kept += head.length;
    }
    this.cut += Math.max(0, bytes.length - Math.max(0, room));
  }

  /** Bytes seen beyond the limit. */
  get cutBytes(): number {
    return this.cut;
  }

  /** What was kept, ending with the cut note when anything was cut ('' when nothing arrived). */
  text(): string {
    // A cut may split a UTF-8 sequence: the decoder shows it as U+FFFD, never as raw bytes.
    const kept = Buffer.concat(this.chunks).toString('utf8');
    if (this.cut === 0) return kept;
    return `${kept}${kept.endsWith('\n') || kept === '' ? '' : '\n'}${cutNote(this.what, this.cut)}\n`;
  }
}

/** One message (an error's text) cut to `limit` characters, with the note. */
export function capMessage(message: string, limit: number = MESSAGE_LIMIT_CHARS): string {
  if (message.length <= limit) return message;
  const cut = Buffer.byteLength(message.slice(limit));
  return `${message.slice(0, limit)} ${cutNote('the message', cut)}`;
}

/** Longest line of a side's stderr shown whole (a line of minified source can be 11 KB). */
export const LINE_LIMIT_CHARS = 500;

/**
 * V8 reports some errors on stderr as `file:line`, the source line, a caret line: a side's
 * stderr never shows source text (the transpiled program or the tool's own code), only where
 * it was. Lines longer than LINE_LIMIT_CHARS are cut too.
 */
export function withoutSourceLines(text: string): string {
  return text
    .replace(/^(\S[^\n]*:\d+)\n[^\n]*\n(?:[ \t]*\^+[ \t]*\n)?/gm, '$1 [source line omitted]\n')
    .split('\n')
    .map((line) => (line.length > LINE_LIMIT_CHARS ? `${line.slice(0, LINE_LIMIT_CHARS)} [${line.length - LINE_LIMIT_CHARS} more characters cut]` : line))
    .join('\n');
}
