/**
 * The HTML reporter. Data apart from presentation: a static page (`template.html`,
 * `style.css`, `page.js`) gets the run's `CheckReport` injected as JSON, and the page script
 * draws everything. The result is one self-contained file that works offline from file://:
 * the CSS, the page script and highlight.js (core + python + typescript, read from
 * node_modules at write time) are inlined; nothing is fetched.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CheckReport } from '../model.ts';
import { makeDirectory } from '../make-directory.ts';

const here = new URL('.', import.meta.url);
const require = createRequire(import.meta.url);

/** Writes `dir/index.html` and returns its path. */
export async function writeHtmlReport(report: CheckReport, dir: string): Promise<string> {
  await makeDirectory(dir);
  const file = join(dir, 'index.html');
  await writeFile(file, await renderHtmlReport(report), 'utf8');
  return file;
}

/** The page as a string. */
export async function renderHtmlReport(report: CheckReport): Promise<string> {
  const [template, style, page, highlight] = await Promise.all([
    readFile(new URL('template.html', here), 'utf8'),
    readFile(new URL('style.css', here), 'utf8'),
    readFile(new URL('page.js', here), 'utf8'),
    highlightBundle(),
  ]);
  const parts: Record<string, string> = {
    title: escapeHtmlText(`asyncio-conformance: ${report.differences} of ${report.runs} differ (${report.target})${partialNote(report)}`),
    style: inlineSafe(style.replace(/^\uFEFF/, '') + '\n' + highlight.theme, 'style'),
    highlight: inlineSafe(highlight.script, 'script'),
    page: inlineSafe(page, 'script'),
    data: scriptJson(report),
  };
  // A function replacer: `$&` and friends in the inlined code must stay literal.
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    if (!(name in parts)) throw new Error(`writeHtmlReport: template.html has an unknown slot ${match}`);
    return parts[name];
  });
}

/**
 * JSON that can sit inside `<script type="application/json">`: `<`, `>` and `&` become
 * `\u003c`... so no `</script>` or `<!--` in the data can end or confuse the element
 * (JSON.parse reads them back unchanged); U+2028/U+2029 are escaped for old parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A merge of an incomplete set of shards says so in the page's title. */
function partialNote(report: CheckReport): string {
  if (!report.partial) return '';
  return ` PARTIAL: shards ${report.partial.missing.map((index) => `${index}/${report.partial?.count}`).join(', ')} missing`;
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Inlined code must not contain its own end tag (or `<!--`, which changes how scripts parse). */
function inlineSafe(code: string, element: 'script' | 'style'): string {
  const bad = new RegExp(`</${element}|<!--`, 'i').exec(code);
  if (bad) throw new Error(`writeHtmlReport: cannot inline code containing ${JSON.stringify(bad[0])} into <${element}>`);
  return code;
}

/**
 * highlight.js ships CommonJS modules (`module.exports = ...`) and no browser bundle; wrap
 * each in a function scope with its own `module`, then register the two grammars.
 */
async function highlightBundle(): Promise<{ script: string; theme: string }> {
  const read = (id: string) => readFile(require.resolve(id), 'utf8');
  const [core, python, typescript, theme] = await Promise.all([
    read('highlight.js/lib/core'),
    read('highlight.js/lib/languages/python'),
    read('highlight.js/lib/languages/typescript'),
    read('highlight.js/styles/github.css'),
  ]);
  const commonJs = (source: string) =>
    `(function () { var module = { exports: {} }; var exports = module.exports;\n${source}\nreturn module.exports; })()`;
  const script = [
    '/* highlight.js (BSD-3-Clause), core with the python and typescript grammars */',
    `window.hljs = ${commonJs(core)};`,
    `window.hljs.registerLanguage('python', ${commonJs(python)});`,
    `window.hljs.registerLanguage('typescript', ${commonJs(typescript)});`,
  ].join('\n');
  return { script, theme };
}
