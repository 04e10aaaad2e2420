/**
 * The one CPython the tests ask: the product's oracle (`oracle/pool.ts`), one pool per test
 * file, started on first use and closed when the file's tests are done. A test that needs
 * CPython's answer runs its program through the pool exactly as `check` does (for an IR
 * program: `runOnOracle` of compare/sides.ts), so a test that passes says something about
 * `check`; there is no second runner to drift from it.
 */
import { afterAll } from 'vitest';
import type { ClockModel, RunResult } from '../../ir/program.ts';
import { Oracle } from '../../oracle/pool.ts';

let checked: Promise<Oracle> | undefined;
let unchecked: Promise<Oracle> | undefined;

/** The file's oracle, as the CLI starts it (two workers: the suite shares the machine's cores). */
export function sharedOracle(): Promise<Oracle> {
  checked ??= Oracle.start({ workers: 2 });
  return checked;
}

/**
 * The same oracle with the worker's gate off (the pool's `uncheckedSource` test hook), for
 * hand-written order programs in more Python than the importer's subset (try/except,
 * `raise`, loop callbacks). Same worker, same `run_program`: only the allow-list check is
 * skipped, so the subset's limits never decide which asyncio behaviour a test may pin.
 */
export function uncheckedOracle(): Promise<Oracle> {
  unchecked ??= Oracle.start({ workers: 2, uncheckedSource: true });
  return unchecked;
}

afterAll(async () => {
  const started = [checked, unchecked];
  checked = unchecked = undefined;
  await Promise.all(started.map(async (oracle) => (await oracle)?.close()));
});

/** Runs Python sources that need not be in the subset (see uncheckedOracle), in parallel. */
export async function runUnchecked(sources: string[], clock: ClockModel): Promise<RunResult[]> {
  const oracle = await uncheckedOracle();
  return Promise.all(sources.map((source) => oracle.run(source, { clock })));
}
