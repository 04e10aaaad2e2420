/**
 * Reports at scale: a real run with many differences (the native profile differs from CPython
 * in about 4 programs of 10; not shrunk, so the run is quick and every difference is kept as
 * found), its report written the way `check --json --junit --report` writes it, then the page
 * opened in headless Chromium (Debian's, driven by playwright-core, as the browser tests do).
 *
 *   npx tsx bench/report-scale.ts [differences=1000]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCheck } from '../compare/check.ts';
import { nativeSide } from '../compare/sides.ts';
import { Oracle } from '../oracle/pool.ts';
import { writeHtmlReport, writeJsonReport, writeJunitReport } from '../reports/index.ts';

const SEED = 20261204;
const CHROMIUM = '/usr/bin/chromium';

export interface ReportScaleBench {
  runs: number;
  differences: number;
  /** JSON + JUnit + HTML, seconds. */
  writeSeconds: number;
  /** Size of index.html, bytes. */
  pageBytes: number;
  /** From navigation to the page's `load` event, seconds; undefined without chromium. */
  openSeconds?: number;
}

/** A native-profile run of enough programs for about `differences` differences. */
async function reportWithDifferences(differences: number) {
  const oracle = await Oracle.start({ workers: Math.max(1, os.availableParallelism() - 1) });
  try {
    const runs = Math.ceil(differences / 0.35);
    return await runCheck({ runs, seed: SEED, clock: 'realistic', side: nativeSide, oracle, shrink: false, command: 'bench/report-scale.ts' });
  } finally {
    await oracle.close();
  }
}

async function openSeconds(page: string): Promise<number | undefined> {
  const exists = await stat(CHROMIUM).then(() => true, () => false);
  if (!exists) return undefined;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const tab = await browser.newPage();
    await tab.goto('about:blank'); // the tab's own start-up is not the page's
    const started = performance.now();
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    return (performance.now() - started) / 1000;
  } finally {
    await browser.close();
  }
}

export async function benchReportScale(differences: number): Promise<ReportScaleBench> {
  const report = await reportWithDifferences(differences);
  const dir = await mkdtemp(join(os.tmpdir(), 'bench-report-'));
  try {
    const started = performance.now();
    await writeJsonReport(report, join(dir, 'report.json'));
    await writeJunitReport(report, join(dir, 'junit.xml'));
    const page = await writeHtmlReport(report, join(dir, 'html'));
    const writeSeconds = (performance.now() - started) / 1000;
    return { runs: report.runs, differences: report.differences, writeSeconds, pageBytes: (await stat(page)).size, openSeconds: await openSeconds(page) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchReportScale(Number(process.argv[2] ?? 1000));
  console.log(`${r.differences} differences in ${r.runs} programs: report written in ${r.writeSeconds.toFixed(2)} s (page ${(r.pageBytes / 1024).toFixed(0)} KiB), opened in ${r.openSeconds?.toFixed(2) ?? '(no chromium)'} s`);
}
