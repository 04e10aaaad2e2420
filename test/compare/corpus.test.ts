import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR, parseCorpusFile, replayCorpusEntry } from '../../compare/corpus.ts';
import { portSide } from '../../compare/sides.ts';
import { Oracle } from '../../oracle/pool.ts';

const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.py')).sort();
let oracle: Oracle;

beforeAll(async () => {
  oracle = await Oracle.start({ workers: 1 });
});
afterAll(() => oracle.close());

describe('the regression corpus', () => {
  it('holds a dozen behaviours or more, each with what CPython prints', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) expect(parseCorpusFile(f, readFileSync(join(CORPUS_DIR, f), 'utf8')).expected.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: CPython still prints what it pins, and the port agrees', async (f) => {
    const entry = parseCorpusFile(join(CORPUS_DIR, f), readFileSync(join(CORPUS_DIR, f), 'utf8'));
    const replay = await replayCorpusEntry(entry, oracle, portSide);
    expect(replay.oracle).toEqual(entry.expected);
    expect(replay.oracleMatches).toBe(true);
    expect(replay.side).toEqual(entry.expected);
    expect(replay.sideMatches).toBe(true);
  });
});
