/**
 * `collections` (issue 8 item 9): `deque` (both ends, maxlen, rotate, indexing, its repr),
 * `defaultdict` (list/int/set factories, lambdas, None) and `Counter` (most_common, update,
 * subtract, elements, total, its repr), from `import collections` and `from collections
 * import ...`: the programs in ./collections/ print exactly what python3 prints on the port.
 */
import { describe, it } from 'vitest';
import { describePrograms, expectRefused } from './_lang-programs.ts';

describePrograms('collections', new URL('./collections/', import.meta.url), 4);

describe('what stays out is refused with file:line:col and a hint', () => {
  it.each([
    ['namedtuple(rename=)', 'from collections import namedtuple\nP = namedtuple("P", "x", rename=True)\n', '4:26: unsupported keyword argument rename= of collections.namedtuple'],
    ['OrderedDict', 'import collections\nd = collections.OrderedDict()\n', '4:5: unsupported call of collections.OrderedDict (a dict keeps insertion order: use dict)'],
    ['deque as a value', 'from collections import deque, defaultdict\nd = defaultdict(deque)\n', '4:17: unsupported use of deque as a value (call it: deque(...))'],
    ['a from-import rebound', 'from collections import Counter\nCounter = 1\n', '4:1: unsupported assignment to Counter rebinds the import Counter (rename it)'],
  ])('%s', async (_what, body, expected) => {
    await expectRefused(body, expected);
  });
});

describe('datetime is read (test/transpile/language-gaps/), renamed imports stay out', () => {
  it.each([
    ['import datetime as dt', 'import datetime as dt\n', '3:1: unsupported import of datetime as dt'],
    ['from datetime import datetime as DT', 'from datetime import datetime as DT\n', '3:1: unsupported import of datetime as DT'],
  ])('%s', async (_what, body, expected) => {
    await expectRefused(body, expected);
  });
});
