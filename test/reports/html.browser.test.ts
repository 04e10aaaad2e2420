/**
 * The HTML report in a real browser (Debian's chromium through playwright-core), opened from
 * file:// as a person would open it: what they see, what a click does, and that nothing the
 * data says can run as code.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../reports/index.ts';
import type { CheckReport } from '../../reports/index.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const outDir = join(process.cwd(), 'test', '.tmp', 'html-report');

let browser: Browser;
const reports: Record<string, CheckReport> = {};
const pages: Record<string, string> = {};

async function loadFixture(name: string): Promise<CheckReport> {
  return JSON.parse(await readFile(new URL(`${name}.json`, fixtures), 'utf8')) as CheckReport;
}

beforeAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  for (const name of ['three-buckets', 'all-agree', 'hostile']) {
    reports[name] = await loadFixture(name);
    pages[name] = await writeHtmlReport(reports[name], join(outDir, name));
  }
  reports.wide = wideReport(reports['three-buckets']);
  pages.wide = await writeHtmlReport(reports.wide, join(outDir, 'wide'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

/** A long run: 60 prints over 300 iterations in 9 lanes, so the timeline is wider than the page. */
function wideReport(base: CheckReport): CheckReport {
  const trace = (shift: number) =>
    Array.from({ length: 60 }, (_, i) => ({
      text: `task ${i % 8} step ${i}\n`,
      time: i * 0.1 + 0.1 / 3,
      task: i === 0 ? null : `Task-${(i % 8) + 1}`,
      iteration: i * 5 + (i > 30 ? shift : 0),
    }));
  const example = { ...base.buckets[2].example, expectedTrace: trace(0), actualTrace: trace(3), divergence: 31 };
  example.expected = example.expectedTrace.map((entry): [string, number] => [entry.text, entry.time]);
  example.actual = example.actualTrace.map((entry): [string, number] => [entry.text, entry.time]);
  return { ...base, buckets: [{ ...base.buckets[2], name: 'wide', example }] };
}

interface Opened {
  page: Page;
  /** console errors and uncaught exceptions */
  errors: string[];
  dialogs: string[];
  /** every request that is not the report file itself */
  requests: string[];
}

async function open(name: string, width = 1280): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  const opened: Opened = { page, errors: [], dialogs: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') opened.errors.push(message.text());
  });
  page.on('pageerror', (error) => opened.errors.push(String(error)));
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const url = pathToFileURL(pages[name]).href;
  page.on('request', (request) => {
    if (request.url() !== url) opened.requests.push(request.url());
  });
  await page.goto(url);
  return opened;
}

async function close(opened: Opened): Promise<void> {
  await opened.page.context().close();
}

describe('HTML report with three kinds of difference', () => {
  it('shows the summary, every bucket, and no errors, requests or dialogs', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    await expect(page.locator('.verdict').textContent()).resolves.toBe('\u226073 of 500 programs differ from CPython, in 3 kinds');
    const stats = await page.locator('.stat').evaluateAll((nodes) => nodes.map((node) => node.textContent));
    expect(stats).toEqual(['Runs500', 'Differences73', 'Seed42', 'Targetnative', 'Clockrealistic', 'Python3.11.7', 'Duration8.3 s', 'Programs/s60']);
    await expect(page.locator('.outcomes tr.outcome-portCrash td.num').textContent()).resolves.toBe('2');
    for (const bucket of reports['three-buckets'].buckets) {
      const card = page.locator(`button.bucket[data-bucket="${bucket.name}"]`);
      await expect(card.isVisible()).resolves.toBe(true);
      await expect(card.locator('.bucket-name').textContent()).resolves.toBe(bucket.name);
      await expect(card.locator('.bucket-count').textContent()).resolves.toBe(String(bucket.count));
    }
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([]);
    await close(opened);
  });

  it('opens the first counterexample, and another on click (each built when it first opens)', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    const examples = page.locator('details.example');
    await expect(examples.count()).resolves.toBe(3);
    await expect(examples.nth(0).evaluate((node) => (node as HTMLDetailsElement).open)).resolves.toBe(true);
    await expect(examples.nth(1).evaluate((node) => (node as HTMLDetailsElement).open)).resolves.toBe(false);
    // Closed ones hold their summary only: a report with 1,000 differences opens in well under a second.
    await expect(examples.nth(1).locator('table, svg').count()).resolves.toBe(0);
    await expect(examples.nth(2).locator('table, svg').count()).resolves.toBe(0);
    await expect(examples.nth(1).locator('table.trace').isVisible()).resolves.toBe(false);
    await examples.nth(1).locator('summary').click();
    await expect(examples.nth(1).evaluate((node) => (node as HTMLDetailsElement).open)).resolves.toBe(true);
    await expect(examples.nth(1).locator('table.trace').isVisible()).resolves.toBe(true);
    expect(opened.errors).toEqual([]);
    await close(opened);
  });

  it('filters to one bucket by clicking it, and back with the select', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    const visible = () => page.locator('details.example:visible').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-bucket')));
    await page.locator('button.bucket[data-bucket="sleep-zero-no-yield"]').click();
    await expect(visible()).resolves.toEqual(['sleep-zero-no-yield']);
    await expect(page.locator('details.example[data-bucket="sleep-zero-no-yield"]').evaluate((node) => (node as HTMLDetailsElement).open)).resolves.toBe(true);
    await expect(page.locator('#bucket-filter').inputValue()).resolves.toBe('sleep-zero-no-yield');
    await page.locator('#bucket-filter').selectOption('');
    await expect(visible()).resolves.toEqual(['eager-start', 'no-shutdown-cancellation', 'sleep-zero-no-yield']);
    expect(opened.errors).toEqual([]);
    await close(opened);
  });

  it('puts corresponding Python and TypeScript lines on the same row, highlighted', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    const example = reports['three-buckets'].buckets[0].example;
    const first = page.locator('details.example').first();
    for (const pair of example.lineMap) {
      const python = await first.locator(`td.language-python[data-line="${pair.python}"]`).boundingBox();
      const typescript = await first.locator(`td.language-typescript[data-line="${pair.typescript}"]`).boundingBox();
      expect(python, `python line ${pair.python}`).not.toBeNull();
      expect(Math.abs(python!.y - typescript!.y), `python ${pair.python} / typescript ${pair.typescript}`).toBeLessThan(1);
    }
    // Every source line is shown once, in order.
    const shown = await first.locator('td.language-python:not(.pad)').evaluateAll((cells) => cells.map((cell) => cell.textContent));
    expect(shown).toEqual(example.python.replace(/\n$/, '').split('\n'));
    await expect(first.locator('td.language-python .hljs-keyword').first().textContent()).resolves.toBe('import');
    await expect(first.locator('td.language-typescript .hljs-keyword').first().textContent()).resolves.toBe('async');
    await close(opened);
  });

  it('marks the first difference in the traces', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    const section = page.locator('details.example[data-bucket="sleep-zero-no-yield"]');
    await section.locator('summary').click();
    const marked = section.locator('table.trace tbody tr.first-diff');
    await expect(marked.count()).resolves.toBe(1);
    await expect(marked.getAttribute('data-index')).resolves.toBe('1');
    await expect(marked.locator('.first-diff-label').textContent()).resolves.toBe('first difference');
    await expect(marked.locator('.first-diff-label').isVisible()).resolves.toBe(true);
    const texts = await marked.locator('td.text').evaluateAll((cells) => cells.map((cell) => cell.textContent));
    expect(texts).toEqual(['b 0', 'a 1']);
    const background = (selector: string) => section.locator(selector).first().evaluate((row) => getComputedStyle(row).backgroundColor);
    await expect(background('table.trace tbody tr.first-diff')).resolves.not.toBe(await background('table.trace tbody tr.agree'));
    await close(opened);
  });

  it('draws a timeline per side: one lane per task, one mark per print, same scale', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    const example = reports['three-buckets'].buckets[1].example;
    const section = page.locator('details.example[data-bucket="no-shutdown-cancellation"]');
    await section.locator('summary').click();
    const svgs = section.locator('svg.timeline');
    await expect(svgs.count()).resolves.toBe(2);
    for (const [index, trace] of [example.expectedTrace, example.actualTrace].entries()) {
      const svg = svgs.nth(index);
      await expect(svg.isVisible()).resolves.toBe(true);
      await expect(svg.locator('.lane-label').allTextContents()).resolves.toEqual(['Task-1', 'Task-2']);
      await expect(svg.locator('circle.event').count()).resolves.toBe(trace.length);
      const tooltip = await svg.locator('circle.event title').last().textContent();
      expect(tooltip).toContain(`t = ${trace.at(-1)!.time} s`);
    }
    // The extra 'late' print on the other side is the first difference; CPython has no mark there.
    await expect(svgs.nth(0).locator('circle.event-first').count()).resolves.toBe(0);
    await expect(svgs.nth(1).locator('circle.event-first').count()).resolves.toBe(1);
    const widths = await svgs.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('width')));
    expect(widths[0]).toBe(widths[1]);
    await close(opened);
  });

  it('copies the replay command', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const first = page.locator('details.example').first();
    await first.locator('button.copy').click();
    // The clipboard API answers asynchronously; wait for the button to say so.
    await first.locator('button.copy', { hasText: 'Copied' }).waitFor({ timeout: 5000 });
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(reports['three-buckets'].buckets[0].example.replay);
    expect(opened.errors).toEqual([]);
    await close(opened);
  });

  it('looks right (screenshot in test/.tmp/report.png)', async () => {
    const opened = await open('three-buckets');
    const { page } = opened;
    await page.locator('details.example').nth(1).locator('summary').click();
    await mkdir(join(process.cwd(), 'test', '.tmp'), { recursive: true });
    const file = join(process.cwd(), 'test', '.tmp', 'report.png');
    const png = await page.screenshot({ path: file, fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    // Nothing sticks out sideways at a laptop width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await close(opened);
  });
});

describe('HTML report with a long trace', () => {
  it('scrolls the wide timelines inside the page, together, with lanes in natural order', async () => {
    const opened = await open('wide');
    const { page } = opened;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    const scrollers = page.locator('.timelines .svg-scroll');
    const svgWidth = Number(await page.locator('svg.timeline').first().getAttribute('width'));
    const box = await scrollers.first().boundingBox();
    expect(svgWidth).toBeGreaterThan(box!.width);
    await expect(page.locator('svg.timeline').first().locator('.lane-label').allTextContents()).resolves.toEqual([
      '(no task)', 'Task-1', 'Task-2', 'Task-3', 'Task-4', 'Task-5', 'Task-6', 'Task-7', 'Task-8',
    ]);
    await scrollers.first().evaluate((node) => { node.scrollLeft = 400; });
    await page.waitForFunction(() => document.querySelectorAll('.timelines .svg-scroll')[1].scrollLeft === 400);
    await expect(page.locator('svg.timeline').nth(1).locator('circle.event-after').count()).resolves.toBe(28);
    expect(opened.errors).toEqual([]);
    await close(opened);
  });
});

describe('HTML report with no differences', () => {
  it('says that all programs agree', async () => {
    const opened = await open('all-agree');
    const { page } = opened;
    const verdict = page.locator('.verdict');
    await expect(verdict.textContent()).resolves.toBe('\u2713All 1,000 programs agree with CPython');
    await expect(verdict.isVisible()).resolves.toBe(true);
    await expect(page.locator('details.example').count()).resolves.toBe(0);
    await page.screenshot({ path: join(process.cwd(), 'test', '.tmp', 'report-all-agree.png') });
    expect(opened.errors).toEqual([]);
    await close(opened);
  });
});

describe('HTML report with hostile labels', () => {
  it('shows them as text, and nothing in them runs', async () => {
    const opened = await open('hostile');
    const { page } = opened;
    await expect(page.locator('.bucket-title').textContent()).resolves.toBe('<script>alert(1)</script>');
    await expect(page.locator('.example-title').textContent()).resolves.toBe('<script>alert(1)</script>');
    await expect(page.locator('.description').textContent()).resolves.toBe(reports.hostile.buckets[0].description);
    await expect(page.locator('.replay-command').textContent()).resolves.toBe(reports.hostile.buckets[0].example.replay);
    await expect(page.locator('table.trace tbody td.text').first().textContent()).resolves.toBe('</script><script>alert(2)</script>');
    await expect(page.locator('table.trace tfoot').textContent()).resolves.toContain('<img src=x onerror=alert(3)>');
    await expect(page.locator('.page-header .command').textContent()).resolves.toBe(reports.hostile.command);
    // Only the template's three script elements exist; no image was made from a label.
    await expect(page.locator('script').count()).resolves.toBe(3);
    await expect(page.locator('img').count()).resolves.toBe(0);
    // The text without a final newline is flagged.
    await expect(page.locator('table.trace tbody tr.first-diff .badge').textContent()).resolves.toBe('no \u23ce');
    await page.waitForTimeout(100);
    expect(opened.dialogs).toEqual([]);
    expect(opened.errors).toEqual([]);
    await page.screenshot({ path: join(process.cwd(), 'test', '.tmp', 'report-hostile.png'), fullPage: true });
    await close(opened);
  });
});
