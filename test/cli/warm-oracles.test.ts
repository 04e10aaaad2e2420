/**
 * cli/warm-oracles.ts: an oracle given back by a command is lent to the next one with the same
 * options instead of a new CPython; commands at the same time never share one; close() ends all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WarmOracles } from '../../cli/warm-oracles.ts';
import { PYTHON } from '../_support/python.ts';

const HELLO = "import asyncio\n\n\nasync def main():\n    print('hello')\n\n\nasyncio.run(main())\n";
const printed = (run: { trace: { text: string }[] }) => run.trace.map((e) => e.text).join('');

describe('WarmOracles', () => {
  const warm = new WarmOracles();
  afterAll(() => warm.close());

  it('lends a given-back oracle again, running, instead of starting another', async () => {
    const first = await warm.start({ python: PYTHON, workers: 1 });
    expect(printed(await first.run(HELLO))).toBe('hello\n');
    await first.close();
    await first.close(); // a second close() gives nothing back twice
    const second = await warm.start({ python: PYTHON, workers: 1 });
    expect(printed(await second.run(HELLO))).toBe('hello\n');
    expect(warm.running).toBe(1);
    await second.close();
  });

  it('lends different oracles to commands at the same time, and to other options', async () => {
    const [a, b] = await Promise.all([warm.start({ python: PYTHON, workers: 1 }), warm.start({ python: PYTHON, workers: 1 })]);
    expect(warm.running).toBe(2);
    const other = await warm.start({ python: PYTHON, workers: 2 });
    expect(other.size).toBe(2);
    expect(warm.running).toBe(3);
    expect((await Promise.all([a.run(HELLO), b.run(HELLO), other.run(HELLO)])).map(printed)).toEqual(['hello\n', 'hello\n', 'hello\n']);
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('close() ends every oracle it started; nothing is lent after it', async () => {
    const lent = await warm.start({ python: PYTHON, workers: 1 });
    await warm.close();
    expect(warm.running).toBe(0);
    await expect(lent.run(HELLO)).rejects.toThrow();
    await expect(warm.start({ python: PYTHON, workers: 1 })).rejects.toThrow(/closed/);
  });
});
