/**
 * Every numeric option is validated: a value out of range, not a whole number, or naming
 * nothing is exit 2 with a message that names the option, never a run, a hang or a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TMP, cliInProcess } from './_cli.ts';

function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, ...words: string[]): void {
  expect(r.exitCode).toBe(2);
  expect(r.stdout).toBe('');
  for (const word of words) expect(r.stderr).toContain(word);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('check --path', () => {
  it('a run index no run reaches (999999999) is refused at once, not replayed for minutes', async () => {
    expectRefused(await cliInProcess(['check', '--seed', '1', '--path', '999999999']), "option '--path <path>'", 'below 10000000');
  });

  it('shrink steps that do not exist (0:999:999): a clear error, no fast-check stack trace', async () => {
    const r = await cliInProcess(['check', '--seed', '1', '--path', '0:999:999']);
    expectRefused(r, '--path 0:999:999: seed 1 has no program there');
    expect(r.stderr).not.toContain('Unable to replay');
  });

  it.each(['', 'a', '1:', ':1', '1:x', '-1', `0:${'9'.repeat(20)}`])('a malformed path %j', async (path) => {
    expectRefused(await cliInProcess(['check', '--seed', '1', '--path', path]), '--path');
  });
});

describe('check --seed: exactly fast-check\'s 32-bit seeds', () => {
  it.each(['4294967295', '2147483648', '-2147483649', '1.5', '1e3', 'abc', ''])('%j is refused', async (seed) => {
    expectRefused(await cliInProcess(['check', '--runs', '1', '--seed', seed]), "option '--seed <seed>'");
  });

  it.each([2147483647, -2147483648])('%i runs as itself, and the report says so', async (seed) => {
    const json = join(TMP, `seed${seed}.json`);
    const r = await cliInProcess(['check', '--runs', '2', '--seed', String(seed), '--json', json]);
    expect(r.stderr).not.toContain("option '--seed");
    expect(r.exitCode).not.toBe(2); // accepted (whether its programs agree is other tests' business)
    expect(r.stdout).toContain(`seed ${seed},`);
    expect(JSON.parse(readFileSync(json, 'utf8')).seed).toBe(seed);
  });
});

describe('check --runs and --shard', () => {
  it('an empty shard (--runs 2 --shard 3/4) says so, never "All 0 programs agree"', async () => {
    const r = await cliInProcess(['check', '--runs', '2', '--shard', '3/4']);
    expectRefused(r, 'shard 3/4 of 2 programs is empty');
  });

  it.each(['0', '-5', '1e3', 'abc', '1.5', '', '10000001', '99999999999999999999'])('--runs %j is refused', async (runs) => {
    expectRefused(await cliInProcess(['check', '--runs', runs]), '--runs');
  });

  it.each(['0/2', '3/2', '2/0', '1/2/3', 'a/b', '1', ''])('--shard %j is refused', async (shard) => {
    expectRefused(await cliInProcess(['check', '--shard', shard]), '--shard');
  });

  it.each(['0', '65', 'abc', '-1'])('--workers %j is refused', async (workers) => {
    expectRefused(await cliInProcess(['check', '--workers', workers]), '--workers');
  });

  it.each([['--max-functions', 'abc'], ['--max-statements', '0'], ['--max-depth', '-1'], ['--constraints', '[1]'], ['--constraints', '{"maxFunctions":-3}'], ['--max-depth', '100000'], ['--constraints', '{"maxFunctions":1e9}']])(
    '%s %j is refused',
    async (flag, value) => {
      expectRefused(await cliInProcess(['check', flag, value]));
    },
  );
});

describe('generate --count and --seed', () => {
  it.each(['-1', 'abc', '1e3', '10000001'])('--count %j is refused', async (count) => {
    expectRefused(await cliInProcess(['generate', '--out', join(TMP, 'never'), '--count', count]), '--count');
  });

  it('--seed 4294967295 is refused', async () => {
    expectRefused(await cliInProcess(['generate', '--out', join(TMP, 'never'), '--seed', '4294967295']), '--seed');
  });
});

describe('the top-level help, from the command table alone (cli/commands-index.ts)', () => {
  it('lists every command exactly as the loaded commands would: names, arguments, [options], descriptions', async () => {
    const { helpWithEveryCommand } = await import('../../cli/main.ts');
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    const r = await cliInProcess(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(await helpWithEveryCommand(io));
    expect(r.stdout).toContain('run [options] <file.py>');
  });

  it('`help run` and `run --help` show the loaded command; a mistyped command is refused with a suggestion', async () => {
    const [viaHelp, viaFlag] = await Promise.all([cliInProcess(['help', 'run']), cliInProcess(['run', '--help'])]);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaFlag.stdout).toContain('--target');
    const typo = await cliInProcess(['chek']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('(Did you mean check?)');
  });
});
