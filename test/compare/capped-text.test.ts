/** compare/capped-text.ts: what a side writes besides its trace stays bounded, and says what it cut. */
import { describe, expect, it } from 'vitest';
import { byteCount, CappedText, capMessage, LINE_LIMIT_CHARS, STDERR_LIMIT_BYTES, withoutSourceLines } from '../../compare/capped-text.ts';

describe('CappedText', () => {
  it('keeps everything under the limit, untouched', () => {
    const text = new CappedText("the port side's stderr", 100);
    text.push('line 1\n');
    text.push(Buffer.from('line 2\n'));
    expect(text.text()).toBe('line 1\nline 2\n');
    expect(text.cutBytes).toBe(0);
  });

  it('keeps the first `limit` bytes of a flood and notes how much more was cut', () => {
    const text = new CappedText("the native side's stderr");
    const line = '(node:1) Warning: a rejection was handled asynchronously\n';
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      text.push(line);
      total += line.length;
    }
    const shown = text.text();
    expect(text.cutBytes).toBe(total - STDERR_LIMIT_BYTES);
    expect(shown.startsWith(line.repeat(10))).toBe(true);
    expect(shown).toMatch(/\n\[asyncio-conformance: 1\.1 MB more of the native side's stderr cut\]\n$/);
    expect(Buffer.byteLength(shown)).toBeLessThan(STDERR_LIMIT_BYTES + 200);
  });

  it('a cut through a multi-byte character shows a replacement character, never raw bytes', () => {
    const text = new CappedText('stderr', 4);
    text.push('abcé'); // 5 bytes: the é is cut in half
    expect(text.text()).toBe('abc\ufffd\n[asyncio-conformance: 1 bytes more of stderr cut]\n');
  });
});

describe('capMessage', () => {
  it('leaves short messages alone and cuts long ones with a note', () => {
    expect(capMessage('RangeError: Maximum call stack size exceeded')).toBe('RangeError: Maximum call stack size exceeded');
    const long = `SyntaxError: ${'x'.repeat(11_000)}`;
    const cut = capMessage(long, 1000);
    expect(cut.startsWith(long.slice(0, 1000))).toBe(true);
    expect(cut).toMatch(/\[asyncio-conformance: 10\.0 KB more of the message cut\]$/);
  });

  it('byteCount speaks in bytes, KB and MB', () => {
    expect(byteCount(12)).toBe('12 bytes');
    expect(byteCount(114_000_000)).toBe('114.0 MB');
  });
});

describe('withoutSourceLines', () => {
  it("drops the source line of V8's `file:line` excerpts and keeps the error", () => {
    const v8 = 'Exception in PromiseRejectCallback:\n<anonymous_script>:11\n\treturn 1n + await asyncio.aw(down(n - 1n));\n\nRangeError: Maximum call stack size exceeded\n';
    expect(withoutSourceLines(v8)).toBe(
      'Exception in PromiseRejectCallback:\n<anonymous_script>:11 [source line omitted]\n\nRangeError: Maximum call stack size exceeded\n',
    );
    const uncaught = 'file:///work/dist/chunk-X.mjs:2\nvar a=1;function b(){' + 'x'.repeat(11_000) + '}\n       ^\n\nRangeError: boom\n';
    expect(withoutSourceLines(uncaught)).toBe('file:///work/dist/chunk-X.mjs:2 [source line omitted]\n\nRangeError: boom\n');
  });

  it('cuts any overlong line, and leaves ordinary text alone', () => {
    expect(withoutSourceLines('Task exception was never retrieved\nValueError: x\n')).toBe('Task exception was never retrieved\nValueError: x\n');
    const cut = withoutSourceLines(`${'y'.repeat(LINE_LIMIT_CHARS + 10)}\n`);
    expect(cut).toBe(`${'y'.repeat(LINE_LIMIT_CHARS)} [10 more characters cut]\n`);
  });
});
