/** What `check`, `compare` and `merge-reports` print at the end: "All N agree" only when every program agreed. */
import { describe, expect, it } from 'vitest';
import { printSummary } from '../../cli/summary.ts';
import type { CheckReport } from '../../reports/index.ts';
import { loadFixture } from '../reports/helpers.ts';

function summary(report: CheckReport): string {
  let text = '';
  printSummary(report, { write: (chunk: string) => (text += chunk) });
  return text;
}

const outcomes = { same: 0, differs: 0, oracleCrash: 0, portCrash: 0, timeout: 0, generatorBug: 0 };

describe('printSummary', () => {
  it('every program the same: "All N programs agree"', async () => {
    const report = { ...(await loadFixture('all-agree')), runs: 10, differences: 0, outcomes: { ...outcomes, same: 10 }, buckets: [] };
    expect(summary(report)).toContain('All 10 programs agree with CPython.');
  });

  it('timeouts and crashes are not agreement', async () => {
    const report = { ...(await loadFixture('all-agree')), runs: 10, differences: 0, outcomes: { ...outcomes, same: 7, timeout: 2, oracleCrash: 1 }, buckets: [] };
    const text = summary(report);
    expect(text).not.toContain('agree with CPython');
    expect(text).toContain('No difference found, but 3 of 10 programs could not be judged');
  });

  it('a partial merge says so', async () => {
    const report = { ...(await loadFixture('all-agree')), runs: 6, differences: 0, outcomes: { ...outcomes, same: 6 }, buckets: [], partial: { count: 3, missing: [2, 3] } };
    const text = summary(report);
    expect(text).toContain('PARTIAL: shards 2/3, 3/3 missing; these 6 programs are not the whole run.');
    expect(text).toContain('All 6 programs of the shards merged agree with CPython.');
  });

  it('a bucket\'s texts reach the terminal escaped', async () => {
    const base = await loadFixture('three-buckets');
    const bucket = base.buckets[0];
    const hostile = {
      ...bucket,
      title: 'title\x1b[2J',
      example: { ...bucket.example, python: "print('\x1b]0;x\x07')\n", expected: [['\x9b31m\n', 0]] as Array<[string, number]>, replay: 'replay \u202e' },
    };
    const text = summary({ ...base, buckets: [hostile] });
    expect(text).toContain('title\\x1b[2J');
    expect(text).toContain("print('\\x1b]0;x\\x07')");
    expect(text).toContain('\\x9b31m');
    expect(text).toContain('replay \\u202e');
    expect(text).not.toMatch(/[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
  });
});
