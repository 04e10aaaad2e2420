import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TMP, cliInProcess, tutorial, writeProgram } from './_cli.ts';

const HOSTILE = `import asyncio


async def shout():
    print("<script>alert(1)</script>")


async def main():
    c = shout()
    print("</script><script>alert(2)</script>")


asyncio.run(main())
`;

describe('compare FILE.py', () => {
  it('a program the port runs like CPython: exit 0, no differences', async () => {
    const file = tutorial('say_after.py');
    const r = await cliInProcess(['compare', file, '--json', join(TMP, 'compare-port.json')]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(join(TMP, 'compare-port.json'), 'utf8'))).toMatchObject({ runs: 1, differences: 0, target: 'port' });
  });

  it('against native promises: exit 1, and a hostile label shows as text in the report opened in a real browser', async () => {
    const file = writeProgram('hostile.py', HOSTILE);
    const dir = join(TMP, 'hostile-report');
    rmSync(dir, { recursive: true, force: true });
    const r = await cliInProcess(['compare', file, '--target', 'native', '--report', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('lazy-coroutines');

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(pathToFileURL(join(dir, 'index.html')).href);
      await expect.poll(() => page.getByText('<script>alert(1)</script>').count()).toBeGreaterThan(0);
      expect(await page.getByText('A coroutine runs only when awaited').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
