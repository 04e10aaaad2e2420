/**
 * `itertools` (issue 8 item 9): count, cycle, repeat, islice, chain and chain.from_iterable,
 * product, permutations, combinations, accumulate, groupby, zip_longest, pairwise, lazily
 * (endless ones under islice, zip or a break), from `import itertools` and `from itertools
 * import ...`: the programs in ./itertools/ print exactly what python3 prints on the port.
 */
import { describe, it } from 'vitest';
import { describePrograms, expectRefused } from './_lang-programs.ts';

describePrograms('itertools', new URL('./itertools/', import.meta.url), 3);

describe('what stays out is refused with file:line:col and a hint', () => {
  it('an unlisted itertools function', async () => {
    await expectRefused(
      'import itertools\nxs = list(itertools.tee([1]))\n',
      '4:11: unsupported call of itertools.tee (the subset has itertools.accumulate, itertools.chain, itertools.chain.from_iterable, itertools.combinations, itertools.count, itertools.cycle, itertools.groupby, itertools.islice, itertools.pairwise, itertools.permutations, itertools.product, itertools.repeat, itertools.zip_longest)',
    );
  });
});
