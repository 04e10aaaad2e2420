/**
 * What the lessons tests share: the lessons a `lessons` run wrote (its lessons.json), and the
 * replay of each: its .py, read back by the importer, prints the recorded outputs on CPython (the
 * oracle) and on plain JS promises (the native side).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { nativeSide, runOnOracle } from '../../compare/sides.ts';
import { isFailure } from '../../compare/verdict.ts';
import type { Lesson } from '../../teach/lessons.ts';
import { sharedOracle } from '../_support/oracle.ts';

/** The lessons a run wrote into `dir`, as its lessons.json records them. */
export function writtenLessons(dir: string): Lesson[] {
  return (JSON.parse(readFileSync(join(dir, 'lessons.json'), 'utf8')) as { lessons: Lesson[] }).lessons;
}

const printedLines = (trace: { text: string }[]): string[] => {
  const text = trace.map((e) => e.text).join('');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
};

/** Each lesson's .py, read by the importer, prints the recorded outputs on CPython and on JS promises. */
export async function expectReplays(dir: string, recorded: Lesson[]): Promise<void> {
  const oracle = await sharedOracle();
  for (const lesson of recorded) {
    const program = await importPythonSource(readFileSync(join(dir, `${lesson.name}.py`), 'utf8'), `${lesson.name}.py`, oracle);
    const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
    const [cpython, native] = await Promise.all([runOnOracle(oracle, program, options), nativeSide.run(program, options)]);
    if (isFailure(cpython) || isFailure(native)) throw new Error(`${lesson.name} did not run`);
    expect([lesson.name, printedLines(cpython.trace)]).toEqual([lesson.name, lesson.cpython]);
    expect([lesson.name, printedLines(native.trace)]).toEqual([lesson.name, lesson.native]);
  }
}
