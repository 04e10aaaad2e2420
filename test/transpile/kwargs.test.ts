/**
 * `**kwargs` parameters and `f(**mapping)` in calls (issue 8 item 3), end to end: the programs
 * in ./kwargs/ (options dicts, wrappers that forward `*args, **kwargs`, a mutable default
 * shared between calls, and the calls CPython rejects: unexpected, duplicate, not a mapping,
 * missing after unpacking) print exactly what python3 prints on the port.
 */
import { describe, it } from 'vitest';
import { describePrograms, expectRefused } from './_lang-programs.ts';

describePrograms('**kwargs', new URL('./kwargs/', import.meta.url), 5);

describe('what stays out is refused with file:line:col and a hint', () => {
  it('** into a builtin', async () => {
    await expectRefused('d = {}\nprint(**d)\n', '4:7: unsupported **arguments of print (only calls of your own functions unpack a dict with **)');
  });
});
