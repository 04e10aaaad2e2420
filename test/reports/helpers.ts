/** Shared by the reporter tests: the hand-written fixtures, and making output stable for snapshots. */
import { readFile } from 'node:fs/promises';
import type { CheckReport } from '../../reports/index.ts';

export const FIXTURE_NAMES = ['three-buckets', 'all-agree', 'hostile'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export async function loadFixture(name: FixtureName): Promise<CheckReport> {
  const text = await readFile(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text) as CheckReport;
}

/** Vitest's reporter-test habit: durations to 0 (they change run to run). */
export function withoutDurations(report: CheckReport): CheckReport {
  return { ...report, durationMs: 0, programsPerSecond: 0 };
}

/** ...and every absolute path we wrote under to `<root>`. */
export function withRoot(text: string, ...roots: string[]): string {
  return [...roots, process.cwd()].reduce((result, root) => result.replaceAll(root, '<root>'), text);
}
