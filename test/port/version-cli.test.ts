/**
 * `--python-version` on the commands: parsed and refused like every option (exit 2), the
 * default follows the oracle, `run --target port` and `compare` reproduce the chosen version,
 * and `transpile` writes a program that sets it. In-process CLI, the real oracles.
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess, writeProgram } from '../cli/_cli.ts';

const FLOAT_MODULO = writeProgram('version-float-modulo.py', "import asyncio\n\n\nasync def main():\n    print('main:0')\n    print('main:1', 7.5 % 0)\n\n\nasyncio.run(main())\n");

describe('--python-version', () => {
  it('refuses a version the port does not reproduce (exit 2, naming the accepted ones)', async () => {
    const r = await cliInProcess(['check', '--runs', '1', '--python-version', '3.10']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('expected one of 3.11, 3.12, 3.13, 3.14, 3.15, got "3.10"');
  });

  it('run --target port: the oracle\'s version by default, or the one asked for', async () => {
    const byOracle = await cliInProcess(['run', FLOAT_MODULO, '--target', 'port', '--oracle', 'cpython-3.13']);
    expect(byOracle.stderr).toContain('ZeroDivisionError: float modulo by zero');
    const asked = await cliInProcess(['run', FLOAT_MODULO, '--target', 'port', '--python-version', '3.14']);
    expect(asked.stderr).toContain('ZeroDivisionError: division by zero');
    const plain = await cliInProcess(['run', FLOAT_MODULO, '--target', 'port']);
    expect(plain.stderr).toContain('ZeroDivisionError: float modulo\n');
  }, 60_000);

  it('compare against cpython-3.14: the same at its version (exit 0), a named difference at 3.11 (exit 1)', async () => {
    const same = await cliInProcess(['compare', FLOAT_MODULO, '--oracle', 'cpython-3.14']);
    expect(same.exitCode, same.stderr).toBe(0);
    const old = await cliInProcess(['compare', FLOAT_MODULO, '--oracle', 'cpython-3.14', '--python-version', '3.11']);
    expect(old.exitCode).toBe(1);
    expect(old.stdout).toContain('zero-division-message');
  }, 60_000);

  it('transpile writes a program that sets the version, and nothing for 3.11', async () => {
    const v314 = await cliInProcess(['transpile', FLOAT_MODULO, '--python-version', '3.14']);
    expect(v314.exitCode).toBe(0);
    expect(v314.stdout).toContain("setPythonVersion('3.14');");
    const v311 = await cliInProcess(['transpile', FLOAT_MODULO]);
    expect(v311.stdout).not.toContain('setPythonVersion');
  }, 60_000);
});
