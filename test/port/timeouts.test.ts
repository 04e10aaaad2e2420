/**
 * tasks.py's wait_for / wait / shield / as_completed, timeouts.py and taskgroups.py on the port
 * against CPython 3.11 (the product's oracle): every print's text, task, iteration and virtual
 * time identical, on both clock models.
 */
import { describe, expect, it } from 'vitest';
import type { ClockModel } from '../../ir/program.ts';
import { runBoth } from './_dual.ts';
import { TIMEOUT_PROGRAMS } from './_timeout_programs.ts';

describe.each<ClockModel>(['realistic', 'ideal'])('wait_for, wait, shield, as_completed, timeout and TaskGroup match CPython 3.11 (%s clock)', (clock) => {
  it('traces, outcome, end time and iteration count are identical for every program', async () => {
    const pairs = await runBoth(TIMEOUT_PROGRAMS, clock);
    pairs.forEach(([cpython, port], i) => {
      expect(cpython.outcome).toEqual({ kind: 'ok' });
      expect({ name: TIMEOUT_PROGRAMS[i].name, ...port }).toEqual({ name: TIMEOUT_PROGRAMS[i].name, ...cpython });
    });
  });
});
