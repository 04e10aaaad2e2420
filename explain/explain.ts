/**
 * One program explained: CPython's run with the loop's events (the story), and the same program
 * on the side beside it (native JS promises by default, or the port) with the first point where
 * the two runs part and the cause's name from the buckets (compare/buckets.ts). Used by the
 * `explain` command, check-doc's claims and the lessons pages.
 */
import { classify, ruleNamed } from '../compare/buckets.ts';
import { causeOf } from '../compare/causes.ts';
import { sideNamed, type SideName } from '../compare/sides.ts';
import { isFailure, type SideResult } from '../compare/verdict.ts';
import { DEFAULT_BUDGET, type ClockModel, type Program, type RunResult, type TraceEntry } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { runWithEvents, type LoopEvent } from '../oracle/events.ts';
import type { Oracle } from '../oracle/oracles.ts';
import { describeEvent, firstEventDifference, runPortWithEvents } from './port-events.ts';
import { formatTime, tellStory, type Story } from './story.ts';

export interface Parting {
  /** Index in the output of the first line where the two runs differ (or the shorter length). */
  index: number;
  cpython: TraceEntry | undefined;
  other: TraceEntry | undefined;
  /** The bucket's name and title: the cause. */
  bucket: string;
  title: string;
  /** The sentence of CPython's story for the line CPython printed there (why its task ran then). */
  sentence: string;
}

export interface Beside {
  side: SideName;
  /** The other side's run, or its failure (a JS error of its own). */
  run: SideResult;
  /** Undefined when both print the same lines (text and order; and times, for the port). */
  parting?: Parting;
  /** The port only: its own loop events, and the first where its scheduler parted from CPython's. */
  events?: LoopEvent[];
  eventParting?: { index: number; cpython: string; port: string };
}

export interface Explanation {
  program: Program;
  source: string;
  clock: ClockModel;
  result: RunResult;
  events: LoopEvent[];
  story: Story;
  beside?: Beside;
}

export interface ExplainOptions {
  oracle: Oracle;
  program: Program;
  clock?: ClockModel;
  /** The side to run beside CPython; none: CPython's story only. */
  beside?: SideName;
}

/** Runs the program on CPython with events (and on the side beside it) and tells the story. */
export async function explainProgram(options: ExplainOptions): Promise<Explanation> {
  const { oracle, program } = options;
  const clock = options.clock ?? 'realistic';
  const source = printPython(program);
  const filename = program.header?.source ?? 'program.py';
  const { result, events } = await runWithEvents(oracle, source, { clock, budget: DEFAULT_BUDGET, filename });
  const story = tellStory(result, events, source);
  const explanation: Explanation = { program, source, clock, result, events, story };
  if (options.beside === 'port') {
    const port = await runPortWithEvents(program, clock).catch((error: unknown) => ({ failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
    if ('failure' in port) explanation.beside = { side: 'port', run: port };
    else {
      const parted = firstEventDifference(events, port.events);
      explanation.beside = {
        side: 'port',
        run: port.result,
        parting: partingOf(program, result, port.result, story, true),
        events: port.events,
        ...(parted ? { eventParting: { index: parted.index, cpython: describeEvent(parted.cpython), port: describeEvent(parted.port) } } : {}),
      };
    }
  } else if (options.beside) {
    const side = sideNamed(options.beside);
    const other = await side.run(program, { clock, budget: DEFAULT_BUDGET });
    const parting = partingOf(program, result, other, story);
    // A side with switches (native) names the cause by counterfactual (compare/causes.ts), as check does.
    const cause = parting && !isFailure(other) ? await causeOf(side, program, result, other, { clock, budget: DEFAULT_BUDGET }) : undefined;
    if (parting && cause) Object.assign(parting, { bucket: cause, title: ruleNamed(cause).title });
    explanation.beside = { side: options.beside, run: other, parting };
  }
  return explanation;
}

/** Where the other run parts from CPython's (first differing printed line), and why. */
export function partingOf(program: Program, cpython: RunResult, other: SideResult, story: Story, times = false): Parting | undefined {
  if (isFailure(other)) return undefined;
  const a = cpython.trace;
  const b = other.trace;
  let index = 0;
  while (index < a.length && index < b.length && a[index].text === b[index].text && (!times || Object.is(a[index].time, b[index].time))) index++;
  const sameOutcome = JSON.stringify(cpython.outcome) === JSON.stringify(other.outcome);
  if (index === a.length && index === b.length && sameOutcome) return undefined;
  const bucket = classify(program, cpython, other);
  const why = (i: number): string => {
    const printed = story.sentences[story.printSentences[i] ?? -1];
    return printed?.because === undefined ? '' : (story.sentences[printed.because]?.text ?? '');
  };
  const parts: string[] = [];
  if (index < a.length && why(index)) parts.push(`CPython printed ${JSON.stringify(a[index].text.replace(/\n$/, ''))} there because ${why(index)}`);
  const later = index < b.length ? a.findIndex((entry, i) => i > index && entry.text === b[index].text) : -1;
  if (later !== -1 && why(later)) parts.push(`${JSON.stringify(b[index].text.replace(/\n$/, ''))} comes later on CPython (output line ${later + 1}), when ${why(later)}`);
  const sentence = parts.join('; ');
  return { index, cpython: a[index], other: b[index], bucket, title: ruleNamed(bucket).title, sentence };
}

/** One line of a parting in words (terminal, check-doc, lessons). */
export function partingSentence(parting: Parting, side: string): string {
  const show = (entry: TraceEntry | undefined): string => (entry ? JSON.stringify(entry.text.replace(/\n$/, '')) : 'nothing more');
  const where = `output line ${parting.index + 1}`;
  const why = parting.sentence ? ` ${parting.sentence}.` : '';
  const when = parting.cpython ? ` (t=${formatTime(parting.cpython.time)}, iteration ${parting.cpython.iteration}, ${parting.cpython.task ?? 'no task'})` : '';
  return `the runs part at ${where}: CPython prints ${show(parting.cpython)}${when}, ${side} prints ${show(parting.other)}.${why} Cause: ${parting.bucket} — ${parting.title}`;
}

