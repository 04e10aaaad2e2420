/**
 * locks.py and queues.py on the port against CPython 3.11 (the product's oracle): every print's
 * text, task, iteration and virtual time identical, on both clock models.
 */
import { describe, expect, it } from 'vitest';
import type { ClockModel } from '../../ir/program.ts';
import { runBoth } from './_dual.ts';
import { SYNC_PROGRAMS } from './_sync_programs.ts';

describe.each<ClockModel>(['realistic', 'ideal'])('Lock, Event, Condition, Semaphore, Barrier and queues match CPython 3.11 (%s clock)', (clock) => {
  it('traces, outcome, end time and iteration count are identical for every program', async () => {
    const pairs = await runBoth(SYNC_PROGRAMS, clock);
    pairs.forEach(([cpython, port], i) => {
      expect(cpython.outcome).toEqual({ kind: 'ok' });
      expect({ name: SYNC_PROGRAMS[i].name, ...port }).toEqual({ name: SYNC_PROGRAMS[i].name, ...cpython });
    });
  });
});
