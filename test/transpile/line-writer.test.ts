/**
 * The emitter's writer (transpile/line-writer.ts): code-block-writer's layout for the calls the
 * emitter makes. Before it replaced code-block-writer, both wrote the same text for thousands of
 * generated programs and every hand-written one (only lines inside a `${...}` of a template
 * literal were indented differently, now like every other line).
 */
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../transpile/line-writer.ts';
import { templateText } from '../../transpile/names.ts';

describe('LineWriter', () => {
  it('indents the lines of a block, and whatever follows a block starts a new line', () => {
    const w = new LineWriter();
    w.writeLine('let a;');
    w.write('if (a)').block(() => w.writeLine('f();'));
    w.write('g();');
    expect(w.toString()).toBe('let a;\nif (a) {\n  f();\n}\ng();');
  });

  it('an inline block goes on on its line: try … catch … finally', () => {
    const w = new LineWriter();
    w.write('try ').inlineBlock(() => w.writeLine('f();'));
    w.write(' catch (e) ').inlineBlock(() => w.write('g();'));
    w.write(' finally ').block(() => w.writeLine('h();'));
    expect(w.toString()).toBe('try {\n  f();\n} catch (e) {\n  g();\n} finally {\n  h();\n}'); // the line break after a block waits for what follows
  });

  it('text of several lines, written from another writer, is indented as the block it lands in', () => {
    const inner = new LineWriter();
    inner.write('while (x)').block(() => inner.writeLine('x--;'));
    const w = new LineWriter();
    w.write('function f() ').block(() => w.write(inner.toString()));
    expect(w.toString()).toBe('function f() {\n  while (x) {\n    x--;\n  }\n}');
  });

  it('blank lines: a line break first only after text; empty lines stay empty (no trailing spaces)', () => {
    const w = new LineWriter();
    w.write('{').newLine();
    w.blankLine();
    w.write('a').blankLine();
    w.inlineBlock(() => w.write('x\n\ny'));
    expect(w.toString()).toBe('{\n\na\n\n{\n  x\n\n  y\n}');
  });

  it('\\r\\n ends a line as \\n does, a lone \\r stays in its line, the first line goes on the current one', () => {
    const w = new LineWriter();
    w.inlineBlock(() => w.write('a = ').write('b\r\nc\r\r\n\r\nd'));
    expect(w.toString()).toBe('{\n  a = b\n  c\r\n\n  d\n}');
  });

  it('the emitter never writes a line break inside a template literal, which the writer relies on', () => {
    expect(templateText('a\nb`${c}\r')).toBe('a\\nb\\`\\${c}\\r');
  });
});
