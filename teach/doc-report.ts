/**
 * check-doc's findings written out: as text for the terminal, as JSON (the DocReport as is),
 * as JUnit (one test case per block, failing for a finding, skipped when it cannot be
 * checked) and as an HTML page (teach/html/: a static template with the report as JSON, as
 * the check report's page is made).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import junitModule from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import { makeDirectory } from '../reports/make-directory.ts';
import { scriptJson } from '../reports/html/index.ts';
import type { BlockReport } from './claims.ts';
import type { DocReport } from './check-doc.ts';

const junitRoot = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

const LABEL: Record<BlockReport['verdict'], string> = {
  holds: 'holds',
  'does-not-hold': 'DOES NOT HOLD',
  'does-not-parse': 'DOES NOT PARSE',
  'cannot-check': 'cannot be checked',
  'no-claim': 'ran; no claim',
};

/** One paragraph per block, findings spelled out: claimed output, real output, first difference. */
export function docReportText(report: DocReport): string {
  const out: string[] = [];
  for (const block of report.blocks) {
    const ended = block.verdict === 'no-claim' && block.outcome !== undefined && block.outcome !== 'ok' ? ` (it ended: ${block.outcome})` : '';
    out.push(`${block.location}: ${LABEL[block.verdict]}${ended}${block.reason ? `: ${block.reason}` : ''}${notes(block)}`);
    if (block.verdict === 'does-not-hold' && block.claim && block.real) {
      out.push(`  claimed (${block.claim.location}, ${block.claim.source}): ${block.claim.lines.join(' | ')}`);
      out.push(`  CPython ${report.python.version} prints: ${block.real.join(' | ')}`);
      const d = block.firstDifference;
      if (d) out.push(`  first difference, line ${d.line}: claimed ${d.claimed === undefined ? '(nothing)' : JSON.stringify(d.claimed)}, printed ${d.real === undefined ? '(nothing)' : JSON.stringify(d.real)}`);
      if (block.why) out.push(`  why: ${block.why}`);
    }
    for (const v of block.versions ?? []) out.push(`  ${v.oracle} (${v.version}) prints: ${v.real.join(' | ')}`);
  }
  const c = report.counts;
  out.push(
    `${report.file}: ${report.blocks.length} programs: ${c.holds} claims hold, ${c['does-not-hold']} do not, ${c['does-not-parse']} do not parse, ${c['cannot-check']} cannot be checked, ${c['no-claim']} make no claim`,
  );
  return out.join('\n') + '\n';
}

function notes(block: BlockReport): string {
  const n: string[] = [];
  if (block.timingSensitive) n.push(block.verdict === 'holds' ? 'holds only by timing luck: the order changes on a loaded machine' : 'timing-sensitive: the order changes on a loaded machine');
  if (block.versions?.length) n.push(`output depends on the Python version (${block.versions.map((v) => v.oracle).join(', ')})`);
  return n.length > 0 ? ` [${n.join('; ')}]` : '';
}

export async function writeDocJson(report: DocReport, file: string): Promise<void> {
  await makeDirectory(dirname(file));
  await writeFile(file, JSON.stringify(report, null, 2) + '\n', 'utf8');
}

/** One suite per document; a case per program, named by its location. */
export function docJunitXml(report: DocReport): string {
  const builder = junitRoot.newBuilder();
  const suite = builder.testSuite().name(`check-doc ${report.file}`).property('python', report.python.version);
  for (const block of report.blocks) {
    const test = suite.testCase().className('asyncio-conformance.check-doc').name(`${block.location} ${block.claim ? `claim at ${block.claim.location}` : 'program'}`);
    if (block.verdict === 'does-not-hold') {
      const d = block.firstDifference;
      test.failure(`claim does not hold: line ${d?.line}: claimed ${JSON.stringify(d?.claimed ?? null)}, CPython printed ${JSON.stringify(d?.real ?? null)}`, 'claim');
      test.stacktrace(cdataSafe(`claimed:\n${block.claim?.lines.join('\n')}\n\nCPython ${report.python.version} printed:\n${block.real?.join('\n')}\n\nprogram:\n${block.source}`));
    } else if (block.verdict === 'does-not-parse') {
      test.failure(block.reason ?? 'does not parse', 'syntax');
    } else if (block.verdict === 'cannot-check') {
      test.skipped();
      test.standardOutput(cdataSafe(block.reason ?? ''));
    }
  }
  if (report.blocks.length === 0) suite.testCase().className('asyncio-conformance.check-doc').name('no Python programs found');
  return builder.build();
}

/** xmlbuilder splits only the first `]]>` of a CDATA text: later ones split here (as reports/junit.ts does). */
function cdataSafe(text: string): string {
  const first = text.indexOf(']]>');
  if (first < 0) return text;
  return text.slice(0, first + 3) + text.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}

export async function writeDocJunit(report: DocReport, file: string): Promise<void> {
  await makeDirectory(dirname(file));
  await writeFile(file, docJunitXml(report), 'utf8');
}

const here = new URL('./html/', import.meta.url);

/** The page: the template with the report as JSON in a data element; the page script draws it with textContent only. */
export async function renderDocHtml(report: DocReport): Promise<string> {
  const [template, style, page] = await Promise.all(['template.html', 'style.css', 'page.js'].map((name) => readFile(new URL(name, here), 'utf8')));
  const parts: Record<string, string> = {
    title: escapeHtml(`check-doc: ${report.file}`),
    style,
    page,
    data: scriptJson(report),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    if (!(name in parts)) throw new Error(`renderDocHtml: template.html has an unknown slot ${match}`);
    return parts[name];
  });
}

export async function writeDocHtml(report: DocReport, dir: string): Promise<string> {
  await makeDirectory(dir);
  const file = join(dir, 'index.html');
  await writeFile(file, await renderDocHtml(report), 'utf8');
  return file;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
