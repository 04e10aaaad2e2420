/** The HTML writer without a browser: the file is self-contained and the data cannot break out. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, scriptJson, writeHtmlReport } from '../../reports/index.ts';
import { loadFixture } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reports-html-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeHtmlReport', () => {
  it('writes dir/index.html and returns its path', async () => {
    const report = await loadFixture('three-buckets');
    const file = await writeHtmlReport(report, join(dir, 'nested', 'report'));
    expect(file).toBe(join(dir, 'nested', 'report', 'index.html'));
    const html = await readFile(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('is self-contained: inline CSS, page script and highlight.js; nothing to fetch', async () => {
    const html = await renderHtmlReport(await loadFixture('three-buckets'));
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).not.toMatch(/\{\{(title|style|highlight|page|data)\}\}/);
    expect(html.match(/<\/script>/g)).toHaveLength(3); // an inlined "<script" string is harmless, an end tag is not
    expect(html).toContain("window.hljs.registerLanguage('python'");
    expect(html).toContain("window.hljs.registerLanguage('typescript'");
    expect(html).toContain('.hljs-keyword'); // the github theme
    expect(html).toContain("default-src 'none'");
  });

  it('injects the data as JSON that no label can break out of', async () => {
    const report = await loadFixture('hostile');
    const html = await renderHtmlReport(report);
    const match = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html);
    expect(match).not.toBeNull();
    expect(JSON.parse(match![1])).toEqual(report);
    expect(match![1]).not.toMatch(/<\/script|<!--|<script/i);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });
});

describe('scriptJson', () => {
  const property = (parameters: fc.Parameters<[unknown]>) =>
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = scriptJson(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      parameters,
    );

  it('round-trips any JSON value with no <, >, & or line separators (seed 42)', () => {
    property({ seed: 42, numRuns: 300 });
  });

  it('round-trips any JSON value with no <, >, & or line separators (random seed)', () => {
    const seed = Date.now() ^ (Math.random() * 0x100000000);
    console.log(`scriptJson property seed: ${seed}`);
    property({ seed, numRuns: 300 });
  });

  it('escapes the classic break-outs', () => {
    expect(scriptJson({ a: '</script><script>alert(2)</script>', b: '<!--', c: '\u2028' })).toBe(
      '{"a":"\\u003c/script\\u003e\\u003cscript\\u003ealert(2)\\u003c/script\\u003e","b":"\\u003c!--","c":"\\u2028"}',
    );
  });
});
