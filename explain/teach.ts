/**
 * explain's story where the teaching commands want it (issue 12 points 2-3): check-doc's `why`
 * for a claim that does not hold (teach/claims.ts DocCheckOptions.explain), and a lesson's
 * "where the two part" (teach/lessons.ts Lesson.story).
 */
import type { Program } from '../ir/program.ts';
import { importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/oracles.ts';
import type { Lesson } from '../teach/lessons.ts';
import { explainProgram, partingSentence } from './explain.ts';

/** Each printed line of CPython's run with why its task ran then, as one paragraph (check-doc's seam). */
export function whyItPrints(oracle: Oracle): (program: Program) => Promise<string> {
  return async (program) => {
    const { story, result } = await explainProgram({ oracle, program });
    return result.trace
      .map((entry, i) => {
        const printed = story.sentences[story.printSentences[i]];
        const because = printed?.because === undefined ? '' : `: ${story.sentences[printed.because].text}`;
        return `${JSON.stringify(entry.text.replace(/\n$/, ''))} (line ${printed?.line ?? '?'}, ${entry.task ?? 'no task'}, iteration ${entry.iteration})${because}`;
      })
      .join('; ');
  };
}

/** The lessons, each with explain's sentence for where CPython and native promises part. */
export async function withPartingStories(lessons: readonly Lesson[], oracle: Oracle): Promise<Lesson[]> {
  const told: Lesson[] = [];
  for (const lesson of lessons) {
    try {
      const program = await importPythonSource(lesson.python, `${lesson.name}.py`, oracle);
      const { beside } = await explainProgram({ oracle, program, beside: 'native' });
      told.push(beside?.parting ? { ...lesson, story: partingSentence(beside.parting, 'native') } : lesson);
    } catch {
      told.push(lesson); // a lesson whose program the importer refuses keeps its page, without a story
    }
  }
  return told;
}
