/**
 * The story as terminal text: sentences grouped by loop iteration, printed lines marked, the
 * output with each line's cause, then the side beside CPython. Everything that came from the
 * program (printed text, source lines) passes through terminalSafe.
 */
import { terminalSafe } from '../cli/terminal-text.ts';
import { isFailure } from '../compare/verdict.ts';
import { partingSentence, type Explanation } from './explain.ts';
import { formatTime } from './story.ts';

export function explanationText(explanation: Explanation, title: string): string {
  const { story, result } = explanation;
  const out: string[] = [`explain ${title} (${explanation.clock} clock)`, ''];
  let iteration = -1;
  for (const s of story.sentences) {
    if (s.kind === 'outcome') {
      out.push('', s.text);
      continue;
    }
    if (s.iteration !== iteration && s.kind !== 'never-awaited') {
      iteration = s.iteration;
      out.push(`iteration ${s.iteration}  t=${formatTime(s.time)}`);
    }
    const mark = s.kind === 'print' ? '  > ' : s.kind === 'never-awaited' ? '! ' : '  ';
    out.push(`${mark}${s.text}`);
  }
  out.push('', 'Output, each line with why its task ran then:');
  result.trace.forEach((entry, i) => {
    const sentence = story.sentences[story.printSentences[i]];
    const because = sentence?.because === undefined ? '' : ` <- ${story.sentences[sentence.because].text}`;
    out.push(`  ${JSON.stringify(entry.text.replace(/\n$/, ''))}  t=${formatTime(entry.time)} iteration ${entry.iteration} ${entry.task ?? '-'} line ${sentence?.line ?? '?'}${because}`);
  });
  const beside = explanation.beside;
  if (beside) {
    out.push('', `Beside it, the ${beside.side} run:`);
    if (isFailure(beside.run)) out.push(`  the ${beside.side} side failed: ${beside.run.failure}`);
    else if (!beside.parting) out.push(`  the same ${beside.run.trace.length} lines in the same order: the two stories agree on the output`);
    else {
      out.push(`  ${beside.side} prints: ${beside.run.trace.map((t) => JSON.stringify(t.text.replace(/\n$/, ''))).join(', ')}`);
      out.push(`  ${partingSentence(beside.parting, beside.side)}`);
    }
    if (beside.side === 'port' && !isFailure(beside.run)) {
      out.push(
        beside.eventParting
          ? `  the port's loop parts from CPython's at event ${beside.eventParting.index}: CPython ${beside.eventParting.cpython}; the port ${beside.eventParting.port}`
          : `  the port's loop ran the same ${beside.events?.length ?? 0} events as CPython's (handles, kinds, tasks, iterations, times)`,
      );
    }
  }
  return terminalSafe(out.join('\n')) + '\n';
}
