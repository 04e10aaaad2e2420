/**
 * Markdown (CommonMark) as check-doc's elements, parsed by markdown-it: fenced and indented
 * code blocks with their document lines, paragraphs with their inline code spans, headings.
 * markdown-it gives each block token its source line range (`map`), which is what a finding's
 * `line:col` is made from.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { placeLines, type DocElement, type InlineSpan } from './doc-elements.ts';

const parser = new MarkdownIt('commonmark');

/** The elements of a Markdown text; `cell` marks a notebook's Markdown cell (lines then count within it). */
export function markdownElements(text: string, cell?: number): DocElement[] {
  const raw = text.split('\n');
  const tokens = parser.parse(text, {});
  const elements: DocElement[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const first = (token.map?.[0] ?? 0) + 1; // 1-based line of the token's first source line
    if (token.type === 'fence') {
      const lang = token.info.trim().split(/\s+/)[0]?.toLowerCase().replace(/^\{|\}$/g, '') ?? '';
      elements.push({ kind: 'code', lang, lines: placeLines(token.content, first + 1, raw, cell) });
    } else if (token.type === 'code_block') {
      elements.push({ kind: 'code', lang: '', lines: placeLines(token.content, first, raw, cell) });
    } else if (token.type === 'heading_open') {
      elements.push(cell === undefined ? { kind: 'heading', line: first } : { kind: 'heading', line: first, cell });
    } else if (token.type === 'paragraph_open' && tokens[i + 1]?.type === 'inline') {
      elements.push(prose(tokens[i + 1], first, raw, cell));
    }
  }
  return elements;
}

function prose(inline: Token, first: number, raw: readonly string[], cell?: number): DocElement {
  const spans: InlineSpan[] = [];
  let text = '';
  let before = '';
  for (const child of inline.children ?? []) {
    if (child.type === 'code_inline') {
      const at = locate(child.content, first, raw);
      spans.push({ code: child.content, before, ...at, ...(cell === undefined ? {} : { cell }) });
      text += child.content;
      before = '';
    } else {
      const piece = child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : child.content;
      text += piece;
      before += piece;
    }
  }
  return cell === undefined ? { kind: 'prose', text, spans, line: first } : { kind: 'prose', text, spans, line: first, cell };
}

/** Where a code span's text first appears from the paragraph's first line on (markdown-it gives inline tokens no position). */
function locate(code: string, first: number, raw: readonly string[]): { line: number; col: number } {
  for (let line = first; line <= raw.length; line++) {
    const col = raw[line - 1].indexOf(code);
    if (col >= 0) return { line, col: col + 1 };
    if (raw[line - 1].trim() === '') break;
  }
  return { line: first, col: 1 };
}
