/**
 * "An adapter written outside the repository plugs in with --target ./adapter.mjs and each of
 * its faults is found and named": two deliberately wrong ports (test/targets/_adapters.ts),
 * each the repository's port with one simplification switched on inside the adapter's process.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../cli/_cli.ts';
import { writeAdapters } from './_adapters.ts';

const dir = writeAdapters(['fifo-ties.mjs', 'eager-start.mjs']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function checkJson(args: string[], name: string) {
  const json = join(dir, `${name}.json`);
  // cwd: the adapters' folder, so `./fifo-ties.mjs` is typed as a port author types it.
  const r = await cliInProcess(['check', ...args, '--workers', '1', '--json', json], { cwd: dir });
  return { ...r, report: JSON.parse(readFileSync(json, 'utf8')) as { target: string; differences: number; buckets: Array<{ name: string; example: { replay: string } }>; constraints?: { features?: object } } };
}

describe('wrong ports as adapters', () => {
  it('FIFO timer ties: found and named timer-tie-order (its features keep the generator to gather programs)', async () => {
    const { exitCode, report, stderr } = await checkJson(['--target', './fifo-ties.mjs', '--runs', '60', '--seed', '5', '--clock', 'ideal', '--features', '+gather', '--constraints', '{"swarm":false}', '--no-shrink'], 'fifo');
    expect(stderr).toContain('target ./fifo-ties.mjs');
    expect(exitCode).toBe(1);
    expect(report.target).toBe('./fifo-ties.mjs');
    expect(report.constraints?.features).toEqual({ gather: true, createTask: false, unawaitedTask: false });
    expect(report.buckets.map((b) => b.name)).toEqual(['timer-tie-order']);
    expect(report.buckets[0].example.replay).toMatch(/check --target \.\/fifo-ties\.mjs --clock ideal --seed 5 --path [\d:]+/);
  });

  it('eager task start: found and named eager-start', async () => {
    const { exitCode, report } = await checkJson(['--target', './eager-start.mjs', '--runs', '40', '--seed', '42', '--constraints', '{"swarm":false}', '--no-shrink'], 'eager');
    expect(exitCode).toBe(1);
    expect(report.differences).toBeGreaterThan(0);
    expect(report.buckets.map((b) => b.name)).toContain('eager-start');
  });
});
