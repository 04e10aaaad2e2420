/**
 * check-doc on generated tutorials: generated programs (the product's own generator) written
 * into a Markdown text, each followed by an output block. When the block holds what CPython
 * printed, every claim holds; when one program's block is changed, exactly that claim is
 * reported, at that block's line. One run pinned with seed 42, one with a random seed (printed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { runOnOracle } from '../../compare/sides.ts';
import { isFailure } from '../../compare/verdict.ts';
import { realLines } from '../../teach/claims.ts';
import type { DocReport } from '../../teach/check-doc.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { cliInProcess, ROOT } from '../cli/_cli.ts';

const TMP = join(ROOT, 'test/.tmp/check-doc-property');

async function generatedTutorial(seed: number, count: number): Promise<void> {
  const oracle = await sharedOracle();
  const programs = samplePrograms({ seed, count });
  const outputs = await Promise.all(programs.map((p) => runOnOracle(oracle, p, { clock: 'realistic', budget: DEFAULT_BUDGET })));
  const parts = ['# Generated tutorial', ''];
  const blockLines: number[] = [];
  const kept: string[][] = [];
  programs.forEach((program, i) => {
    const result = outputs[i];
    if (isFailure(result) || (result.outcome.kind !== 'ok' && result.outcome.kind !== 'exception')) return;
    const real = realLines(result);
    if (real.length === 0) return;
    parts.push(`## Program ${i}`, '', '```python');
    blockLines.push(parts.length + 1);
    parts.push(...printPython(program).replace(/\n$/, '').split('\n'), '```', '', 'Output:', '', '```text', ...real, '```', '');
    kept.push(real);
  });
  expect(kept.length).toBeGreaterThan(2);
  mkdirSync(TMP, { recursive: true });
  const file = join(TMP, `seed${seed}.md`);
  writeFileSync(file, parts.join('\n'));
  // The same text with the last block's claim changed: its first line swapped for another.
  const wrongAt = kept.length - 1;
  const wrongFile = join(TMP, `seed${seed}-wrong.md`);
  const lines = parts.join('\n').split('\n');
  const outputStart = lines.lastIndexOf('```text') + 1;
  lines[outputStart] = `${lines[outputStart]} (not what it prints)`;
  writeFileSync(wrongFile, lines.join('\n'));

  const good = await cliInProcess(['check-doc', file, '--json', join(TMP, `seed${seed}.json`)]);
  const goodReport = JSON.parse(readFileSync(join(TMP, `seed${seed}.json`), 'utf8')) as DocReport;
  expect(goodReport.blocks.map((b) => [b.at.line, b.verdict])).toEqual(blockLines.map((line) => [line, 'holds']));
  expect(good.exitCode).toBe(0);

  const wrong = await cliInProcess(['check-doc', wrongFile, '--json', join(TMP, `seed${seed}-wrong.json`)]);
  const wrongReport = JSON.parse(readFileSync(join(TMP, `seed${seed}-wrong.json`), 'utf8')) as DocReport;
  expect(wrong.exitCode).toBe(1);
  expect(wrongReport.blocks.filter((b) => b.verdict !== 'holds').map((b) => [b.at.line, b.verdict, b.firstDifference?.line, b.firstDifference?.real])).toEqual([
    [blockLines[wrongAt], 'does-not-hold', 1, kept[wrongAt][0]],
  ]);
}

describe('generated tutorials', () => {
  it('seed 42: every claim copied from CPython holds, and exactly the changed one does not', async () => {
    await generatedTutorial(42, 12);
  });

  it('a random seed: the same', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`check-doc property seed: ${seed}`);
    await generatedTutorial(seed, 12);
  });
});
