/** explain wired into the teaching commands: check-doc's `why` seam and the lessons' "where the two part". */
import { expect, it } from 'vitest';
import { whyItPrints, withPartingStories } from '../../explain/teach.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { checkDocument } from '../../teach/check-doc.ts';
import { lessonMarkdown, type Lesson } from '../../teach/lessons.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { SEED_TUTORIAL } from './_seed.ts';

it("check-doc: a claim that does not hold says why, line by line, from CPython's events", async () => {
  const oracle = await sharedOracle();
  const doc = ['# Sleeping', '', '```python', SEED_TUTORIAL.trimEnd(), '```', '', 'This will return: `shav, finished, text`', ''].join('\n');
  const report = await checkDocument(doc, { file: 'tutorial.md', oracle, explain: whyItPrints(oracle) });
  const block = report.blocks.find((b) => b.verdict === 'does-not-hold');
  expect(block?.why).toContain('"text" (line 5, Task-2, iteration 2): Task-2 (count) runs its first step: queued when Task-1 created it at line 11');
  expect(block?.why).toContain('"finished" (line 13, Task-1, iteration 6): Task-1 (main) wakes up: the timer set at line 12');
});

it('lessons: the page tells where CPython and native promises part', async () => {
  const oracle = await sharedOracle();
  const python = SEED_TUTORIAL.replace('    await asyncio.sleep(2)\n', '    pass\n');
  await importPythonSource(python, 'eager-start.py', oracle); // the lesson's program is one the importer reads
  const lesson: Lesson = {
    name: 'eager-start', title: 'Eager task start', description: 'd', fix: 'f', count: 1, python,
    cpython: ['shav', 'finished', 'text'], native: ['shav', 'text', 'finished'], cpythonOutcome: 'ok', nativeOutcome: 'ok', replay: 'r', other: 'plain JS promises',
  };
  const [told] = await withPartingStories([lesson], oracle);
  expect(told.story).toContain('the runs part at output line 2: CPython prints "finished"');
  expect(lessonMarkdown(told, 'md')).toContain("Where the two part, from CPython's loop events (`explain`):");
});
