/** targets/index.ts: one registry resolves every --target name; a bundled port not built here says so. */
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_TARGETS, openTarget, targetKind, TargetLoadError } from '../../targets/index.ts';
import { nativeSide, portSide } from '../../compare/sides.ts';

describe('targetKind', () => {
  it('names each kind', () => {
    expect(targetKind('port')).toBe('builtin');
    expect(targetKind('native')).toBe('builtin');
    expect(targetKind('pyodide-webloop')).toBe('bundled');
    expect(targetKind('micropython')).toBe('bundled');
    expect(targetKind('./my-port.mjs')).toBe('adapter');
    expect(targetKind('cpython-3.14')).toBe('oracle');
    expect(targetKind('/usr/bin/python3')).toBe('oracle');
  });

  it('an unknown name lists what is accepted', () => {
    expect(() => targetKind('nodejs')).toThrow(/unknown target "nodejs": expected port, native, pyodide-webloop, micropython, a path to an adapter module/);
  });
});

describe('openTarget', () => {
  afterEach(() => {
    delete BUNDLED_TARGETS['not-built-here'];
  });

  it('port and native are the in-process sides; isolated, a child process each', async () => {
    expect((await openTarget('port')).side).toBe(portSide);
    expect((await openTarget('native')).side).toBe(nativeSide);
    const isolated = (await openTarget('port', { isolate: true })).side;
    expect(isolated).not.toBe(portSide);
    expect(isolated).toMatchObject({ name: 'port', comparesTime: true });
  });

  it('a bundled port that fails to load: a TargetLoadError naming it (exit 2)', async () => {
    BUNDLED_TARGETS['not-built-here'] = () => Promise.reject(new Error('no such module'));
    const error = await openTarget('not-built-here').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetLoadError);
    expect((error as Error).message).toBe('target not-built-here failed to load: no such module');
  });

  it('an unknown name is a TargetLoadError (exit 2)', async () => {
    await expect(openTarget('nodejs')).rejects.toThrow(TargetLoadError);
  });
});
