/**
 * check-doc's HTML page in a real browser (Debian's chromium through playwright-core), made
 * by the command itself from a tutorial whose programs print markup: the page opens without
 * errors, requests or dialogs, shows each verdict, and shows the programs' text as text.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliInProcess, ROOT } from '../cli/_cli.ts';

const TMP = join(ROOT, 'test/.tmp/check-doc-html');
const HOSTILE = `</script><img src=x onerror="alert(1)"><b>bold</b>`;
let browser: Browser;
let page: string;

beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const doc = join(TMP, 'hostile.md');
  writeFileSync(
    doc,
    [
      '# Markup in programs',
      '',
      '```python',
      'import asyncio',
      '',
      'async def main():',
      `    print('${HOSTILE}')`,
      '',
      'asyncio.run(main())',
      '```',
      '',
      'Output:',
      '',
      '```text',
      '<script>alert(2)</script>',
      '```',
      '',
      '```python',
      'print("ok"',
      '```',
      '',
      '```python',
      'print("fine")',
      '```',
      '',
      'This prints `fine`.',
      '',
    ].join('\n'),
  );
  const r = await cliInProcess(['check-doc', doc, '--report', join(TMP, 'report')]);
  expect(r.exitCode).toBe(1);
  page = join(TMP, 'report', 'index.html');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

it('opens without errors, requests or dialogs and shows the programs, claims and outputs as text', async () => {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(page).href;
  tab.on('pageerror', (error) => errors.push(String(error)));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  tab.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  tab.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await tab.goto(url);
  expect(await tab.locator('section.block').evaluateAll((els) => els.map((e) => e.className))).toEqual(['block does-not-hold', 'block does-not-parse', 'block holds']);
  expect(await tab.locator('section.block.does-not-hold pre.real').textContent()).toBe(HOSTILE);
  expect(await tab.locator('section.block.does-not-hold pre.claimed').textContent()).toBe('<script>alert(2)</script>');
  expect(await tab.locator('section.block.does-not-hold pre.program').textContent()).toContain(`print('${HOSTILE}')`);
  expect(await tab.locator('section.block.does-not-parse').textContent()).toContain("hostile.md:19:6: syntax error: '(' was never closed");
  expect(await tab.locator('img, b').count()).toBe(0);
  expect({ errors, dialogs, requests }).toEqual({ errors: [], dialogs: [], requests: [] });
  await context.close();
});

it('the lesson pages, made from a report whose programs and outputs hold markup, open without errors and show it as text', async () => {
  const { lessonsFrom, writeLessons } = await import('../../teach/lessons.ts');
  const { readFile } = await import('node:fs/promises');
  const report = JSON.parse(await readFile(join(ROOT, 'test/reports/fixtures/hostile.json'), 'utf8')) as import('../../reports/model.ts').CheckReport;
  const lessons = lessonsFrom(report);
  expect(lessons.length).toBeGreaterThan(0);
  const dir = join(TMP, 'lessons');
  await writeLessons(lessons, report, dir);
  for (const name of ['index', ...lessons.map((l) => l.name)]) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await tab.goto(pathToFileURL(join(dir, `${name}.html`)).href);
    expect(await tab.locator('script, img, iframe').count()).toBe(0);
    if (name !== 'index') {
      const lesson = lessons.find((l) => l.name === name)!;
      expect(await tab.locator('pre code').first().textContent()).toBe(lesson.python.replace(/\n$/, '') + '\n');
    }
    expect({ name, errors, dialogs }).toEqual({ name, errors: [], dialogs: [] });
    await context.close();
  }
});
