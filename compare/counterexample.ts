/** Turns a Finding into the Counterexample a report shows: both programs, both traces, where they part. */
import { printPython } from '../ir/python.ts';
import type { Counterexample } from '../reports/model.ts';
import type { Finding } from './buckets.ts';
import { alignLines } from './line-map.ts';
import { programFacts } from './program-facts.ts';
import { compareRuns, textTimePairs } from './traces.ts';

export function replayCommand(finding: Pick<Finding, 'side' | 'clock' | 'seed' | 'path'>): string {
  const clock = finding.clock === 'realistic' ? '' : ` --clock ${finding.clock}`;
  return `npx asyncio-conformance check --target ${finding.side.name}${clock} --seed ${finding.seed} --path ${finding.path}`;
}

export async function buildCounterexample(finding: Finding): Promise<Counterexample> {
  const python = finding.source ?? printPython(finding.program);
  const typescript = await finding.side.typescript(finding.program);
  return {
    id: `seed${finding.seed}-path${finding.path.replaceAll(':', '-')}`,
    seed: finding.seed,
    path: finding.path,
    replay: finding.replay ?? replayCommand(finding),
    python,
    typescript,
    lineMap: alignLines(python, typescript),
    expected: textTimePairs(finding.expected.trace),
    actual: textTimePairs(finding.actual.trace),
    expectedTrace: finding.expected.trace,
    actualTrace: finding.actual.trace,
    expectedOutcome: finding.expected.outcome,
    actualOutcome: finding.actual.outcome,
    divergence: compareRuns(finding.expected, finding.actual, { times: finding.side.comparesTime }).divergence,
    shrinkSteps: finding.shrinkSteps,
    originalSize: programFacts(finding.originalProgram).statementCount,
    size: programFacts(finding.program).statementCount,
  };
}
