/**
 * The story (explain/story.ts, explain/explain.ts) from CPython's real events: the seed
 * tutorial sentence by sentence, the tutorial's wrong claim against native promises with its
 * cause, and on generated programs (seed 42 and a random seed) every printed line gets its
 * task, time, iteration, line and the handle that ran it, checked against the loop's events.
 */
import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { explainProgram, partingSentence } from '../../explain/explain.ts';
import { tellStory } from '../../explain/story.ts';
import { samplePrograms } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { runWithEvents, type RunEvent } from '../../oracle/events.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { SEED_TUTORIAL } from './_seed.ts';

const texts = (sentences: { text: string }[]): string[] => sentences.map((s) => s.text);

it('the seed tutorial: why text prints before finished', async () => {
  const oracle = await sharedOracle();
  const program = await importPythonSource(SEED_TUTORIAL, 'seed.py', oracle);
  const { story, result, beside } = await explainProgram({ oracle, program, beside: 'native' });
  const told = texts(story.sentences);
  expect(told).toContain('Task-1 (main) creates Task-2 for count() at line 11: its first step is queued with call_soon and runs in a later iteration, after everything already in the ready queue');
  expect(told).toContain('Task-1 (main) yields to the loop at line 12 `await asyncio.sleep(2)`');
  expect(told).toContain('Task-2 (count) runs its first step: queued when Task-1 created it at line 11 in iteration 1');
  const finished = story.sentences[story.printSentences[2]];
  expect(finished).toMatchObject({ kind: 'print', line: 13, task: 'Task-1', iteration: 6 });
  expect(story.sentences[finished.because as number].text).toMatch(/^Task-1 \(main\) wakes up: the timer set at line 12 `await asyncio.sleep\(2\)` came due in iteration 5/);
  expect(result.trace.map((t) => t.text)).toEqual(['shav\n', 'text\n', 'finished\n']);
  expect(beside?.parting).toBeUndefined(); // native prints the same here
});

it('without the sleep: CPython and native part at the second line, and the bucket names why', async () => {
  const oracle = await sharedOracle();
  const program = await importPythonSource(SEED_TUTORIAL.replace('    await asyncio.sleep(2)\n', '    pass\n'), 'seed.py', oracle);
  const { beside, story } = await explainProgram({ oracle, program, beside: 'native' });
  expect(beside?.parting).toMatchObject({ index: 1, bucket: 'lazy-task-start' });
  const sentence = partingSentence(beside!.parting!, 'native');
  expect(sentence).toContain('CPython prints "finished"');
  expect(sentence).toContain('"text" comes later on CPython (output line 3), when Task-2 (count) runs its first step');
  expect(texts(story.sentences)).toContain('asyncio.run cancels Task-2 (count) at shutdown: the main task returned while it was still pending');
});

/** Every print is told once, in order, under the handle of its task that ran it. */
async function everyPrintExplained(seed: number, count: number): Promise<void> {
  const oracle = await sharedOracle();
  for (const program of samplePrograms({ seed, count })) {
    const source = printPython(program);
    const { result, events } = await runWithEvents(oracle, source, { filename: 'prog.py' });
    const story = tellStory(result, events, source);
    expect(story.printSentences).toHaveLength(result.trace.length);
    const runs = new Map(events.filter((e): e is RunEvent => e.kind === 'run').map((e) => [e.seq, e]));
    result.trace.forEach((entry, i) => {
      const printed = story.sentences[story.printSentences[i]];
      expect([printed.task, printed.time, printed.iteration, printed.print]).toEqual([entry.task, entry.time, entry.iteration, i]);
      expect(printed.line, `line of print ${i} in\n${source}`).toBeGreaterThan(0);
      expect(source.split('\n')[(printed.line as number) - 1]).toMatch(/print\(/);
      if (entry.iteration === 0) return;
      const why = story.sentences[printed.because as number];
      const handle = runs.get(why?.event as number);
      expect(handle, `the handle behind print ${i}`).toBeDefined();
      const owner = events.find((e): e is RunEvent => e.kind === 'run' && e.prints[0] <= i && i < e.prints[1]);
      expect(handle).toBe(owner);
      expect(handle?.task).toBe(entry.task);
    });
  }
}

it('generated programs, seed 42: every printed line has its task, time, line and cause', async () => {
  await everyPrintExplained(42, 25);
});

it('generated programs, a random seed: every printed line has its task, time, line and cause', async () => {
  const seed = randomInt(1, 2 ** 31 - 1);
  console.log(`story property seed: ${seed}`);
  await everyPrintExplained(seed, 25);
});
