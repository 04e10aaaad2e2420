/**
 * explain's page in a real browser (Debian's chromium through playwright-core), opened from
 * file://: no errors, a lane per task, a click on a timeline mark selects its sentence and its
 * source line, and a printed text that looks like markup stays text.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { explainProgram } from '../../explain/explain.ts';
import { writeExplainPage } from '../../explain/html.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { SEED_TUTORIAL } from './_seed.ts';

const outDir = join(process.cwd(), 'test', '.tmp', 'explain-page');
let browser: Browser;
let page: string;

beforeAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  const oracle = await sharedOracle();
  const source = SEED_TUTORIAL.replace("print('text')", "print('<img src=x onerror=alert(1)>')");
  const program = await importPythonSource(source, 'seed.py', oracle);
  page = await writeExplainPage(outDir, await explainProgram({ oracle, program, beside: 'native' }), 'seed.py');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
});

it('opens without errors; clicking a print selects its sentence and its source line', async () => {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await tab.goto(pathToFileURL(page).href);
  const lanes = await tab.locator('.lane .name').allTextContents();
  expect(lanes).toEqual(expect.arrayContaining(['Task-1', 'Task-2']));
  await tab.locator('.mark.print', { hasText: 'finished' }).click();
  expect(await tab.locator('ol#story li.selected').textContent()).toContain('line 13 prints "finished"');
  expect(await tab.locator('pre#source span.selected').getAttribute('id')).toBe('line-13');
  expect(await tab.locator('.mark.print', { hasText: '<img src=x onerror=alert(1)>' }).count()).toBe(1);
  expect(await tab.locator('img').count()).toBe(0);
  expect(errors).toEqual([]);
});
