/**
 * Hand-written order tests against real CPython 3.11 (virtual clocks as the oracle defines
 * them): every print's text, task, iteration and virtual time must be identical.
 */
import { describe, expect, it } from 'vitest';
import type { ClockModel } from '../../ir/program.ts';
import { ALL_PROGRAMS, SEED_TUTORIAL, SEED_TUTORIAL_SLEEP2, TIES12, TIES5 } from './_programs.ts';
import { runBoth, runOnPort, texts } from './_dual.ts';

describe.each<ClockModel>(['realistic', 'ideal'])('port matches CPython 3.11 (%s clock)', (clock) => {
  it('traces, outcome, end time and iteration count are identical for every program', async () => {
    const pairs = await runBoth(ALL_PROGRAMS, clock);
    pairs.forEach(([cpython, port], i) => {
      expect({ name: ALL_PROGRAMS[i].name, ...port }).toEqual({ name: ALL_PROGRAMS[i].name, ...cpython });
    });
  });
});

describe('measured CPython facts (SEMANTICS.md)', () => {
  it('5 equal sleeps wake 0,2,4,1,3 on the ideal clock and 0..4 on the realistic one', async () => {
    expect(texts(await runOnPort(TIES5.ts, 'ideal'))).toEqual(['0', '2', '4', '1', '3']);
    expect(texts(await runOnPort(TIES5.ts, 'realistic'))).toEqual(['0', '1', '2', '3', '4']);
  });

  it('12 equal sleeps wake in binary-heap order on the ideal clock', async () => {
    expect(texts(await runOnPort(TIES12.ts, 'ideal'))).toEqual('0 2 6 11 10 9 8 5 7 4 1 3'.split(' '));
  });

  it('the seed tutorial prints shav, finished, text; with sleep(2) shav, text, after, finished', async () => {
    expect(texts(await runOnPort(SEED_TUTORIAL.ts, 'realistic'))).toEqual(['shav', 'finished', 'text']);
    expect(texts(await runOnPort(SEED_TUTORIAL_SLEEP2.ts, 'realistic'))).toEqual([
      'shav',
      'text',
      'after',
      'finished',
    ]);
  });
});
