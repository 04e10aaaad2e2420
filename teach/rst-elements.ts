/**
 * reStructuredText as check-doc's elements, read by hand: no well-kept JavaScript rst parser
 * exists on npm (docutils is Python), and check-doc needs only the block structure: section
 * titles, `.. code-block::` / `.. code::` / `.. sourcecode::` / `.. testcode::` /
 * `.. testoutput::` / `.. doctest::` directives, `::` literal blocks, `>>>` doctest blocks and
 * paragraphs with their ``inline literals``. Anything else is read as prose.
 */
import type { DocElement, InlineSpan, SourceLine } from './doc-elements.ts';

const DIRECTIVE = /^(\s*)\.\.\s+(code-block|code|sourcecode|testcode|testoutput|doctest)::\s*(\S*)/;
const UNDERLINE = /^([=\-~^"'`#*+<>:._])\1{2,}\s*$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;
const blank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

export function rstElements(text: string): DocElement[] {
  const raw = text.split('\n');
  const elements: DocElement[] = [];
  let literalNext = false; // the previous paragraph ended with `::`
  let i = 0;
  while (i < raw.length) {
    const line = raw[i];
    if (blank(line)) {
      i++;
      continue;
    }
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      const lang = directive[2] === 'doctest' ? 'pycon' : directive[2] === 'testoutput' ? 'text' : directive[2] === 'testcode' ? 'python' : directive[3].toLowerCase();
      let j = i + 1;
      while (j < raw.length && !blank(raw[j]) && /^\s+:[\w-]+:/.test(raw[j])) j++; // options
      const body = indentedBody(raw, j, indentOf(line));
      elements.push({ kind: 'code', lang, lines: body.lines });
      i = body.end;
      literalNext = false;
      continue;
    }
    if (literalNext && indentOf(line) > 0) {
      const body = indentedBody(raw, i, 0);
      elements.push({ kind: 'code', lang: '', lines: body.lines });
      i = body.end;
      literalNext = false;
      continue;
    }
    if (/^\s*\.\.\s/.test(line)) {
      // another directive or a comment: skipped with its indented body
      const body = indentedBody(raw, i + 1, indentOf(line));
      i = Math.max(body.end, i + 1);
      continue;
    }
    // A paragraph: lines up to a blank line.
    let j = i;
    while (j < raw.length && !blank(raw[j])) j++;
    const lines = raw.slice(i, j);
    if (lines.length === 2 && UNDERLINE.test(lines[1]) || (lines.length === 3 && UNDERLINE.test(lines[0]) && UNDERLINE.test(lines[2]))) {
      elements.push({ kind: 'heading', line: i + 1 });
    } else if (line.trimStart().startsWith('>>>')) {
      elements.push({ kind: 'code', lang: 'pycon', lines: lines.map((text, k) => ({ text: text.slice(indentOf(line)), line: i + k + 1, col: indentOf(line) + 1 })) });
    } else {
      const joined = lines.map((l) => l.trim()).join(' ');
      literalNext = joined.endsWith('::');
      const text = literalNext ? joined.replace(/\s*::$/, joined === '::' ? '' : ':') : joined;
      elements.push({ kind: 'prose', text, spans: inlineLiterals(lines, i + 1), line: i + 1 });
    }
    i = j;
  }
  return elements;
}

/** The block indented deeper than `parentIndent` from line index `start` on (blank lines inside kept), de-indented. */
function indentedBody(raw: readonly string[], start: number, parentIndent: number): { lines: SourceLine[]; end: number } {
  let j = start;
  while (j < raw.length && blank(raw[j])) j++;
  const first = j;
  while (j < raw.length && (blank(raw[j]) || indentOf(raw[j]) > parentIndent)) j++;
  let last = j;
  while (last > first && blank(raw[last - 1])) last--;
  const body = raw.slice(first, last);
  const indent = Math.min(...body.filter((l) => !blank(l)).map(indentOf));
  return { lines: body.map((text, k) => ({ text: text.slice(indent), line: first + k + 1, col: indent + 1 })), end: j };
}

/** ``double backquoted`` literals (and `single` interpreted text, which Sphinx shows as code by default). */
function inlineLiterals(lines: readonly string[], firstLine: number): InlineSpan[] {
  const spans: InlineSpan[] = [];
  let before = '';
  lines.forEach((text, k) => {
    const pattern = /``(.+?)``|`([^`]+)`(?!_)/g;
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      before += text.slice(last, m.index);
      spans.push({ code: m[1] ?? m[2], before, line: firstLine + k, col: m.index + (m[1] !== undefined ? 3 : 2) });
      before = '';
      last = m.index + m[0].length;
    }
    before += text.slice(last) + ' ';
  });
  return spans;
}
