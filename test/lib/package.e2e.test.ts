/**
 * The installable package, as a port author gets it: `npm pack` (its `prepare` builds dist/ and
 * the .d.ts files), then `npm i ./asyncio-conformance-x.y.z.tgz` in an empty directory. There,
 * `npx asyncio-conformance check --runs 200` works, the library imports, runs and type-checks,
 * and a three-line vitest file fails on a wrong target with the minimal program printed.
 *
 * The pack runs in a copy of the working tree (its files, node_modules linked): a pack keeps only
 * its own build's chunks in dist/, which must not pull chunks from under a CLI running here.
 * The install uses `--prefer-offline`: from the npm cache when it holds the dependencies (CI
 * runs `npm ci` first), else from the registry.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/_cli.ts';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
/** A pack holds ~140 files, ~0.6 MB compressed: this would mean test files or stale builds got in. */
const MAX_TARBALL_BYTES = 2_000_000;

let work: string;
let app: string;
let tarball: string;
let packed: string[];

/** What a clone holds: tracked files and new ones not ignored (no dist/, no node_modules/), without the tests. */
async function copyTree(to: string): Promise<void> {
  const { stdout } = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  const files = stdout.split('\0').filter((file) => file && !file.startsWith('test/') && !file.startsWith('scratch'));
  for (const file of files) {
    const exists = await stat(join(ROOT, file)).then((s) => s.isFile(), () => false); // deleted in the working tree
    if (exists) await cp(join(ROOT, file), join(to, file));
  }
  await symlink(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

async function inApp(command: string, args: string[], timeout = 180_000) {
  const r = await execa(command, args, { cwd: app, reject: false, timeout, env: { NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' } });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'asyncio-conformance-pack-'));
  const source = join(work, 'source');
  app = join(work, 'app');
  await copyTree(source);
  const pack = await execa('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, timeout: 300_000 });
  const [info] = JSON.parse(String(pack.stdout).slice(String(pack.stdout).indexOf('['))) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  tarball = join(work, info.filename);
  packed = info.files.map((f) => f.path);
  console.log(`package: ${info.filename}, ${info.size} bytes packed, ${info.unpackedSize} unpacked, ${packed.length} files`);
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'a-port', private: true, type: 'module' }));
  await execa('npm', ['i', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, timeout: 300_000 });
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build, the declarations, the Python worker and the HTML templates; no tests, no sources to compile', async () => {
    expect((await stat(tarball)).size).toBeLessThan(MAX_TARBALL_BYTES);
    for (const file of ['bin/asyncio-conformance.js', 'dist/cli.mjs', 'dist/isolated-worker.mjs', 'dist/index.mjs', 'dist/vitest.mjs', 'dist/types/lib/index.d.ts', 'dist/types/lib/vitest.d.ts', 'oracle/python/worker.py', 'reports/html/template.html', 'README.md']) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((file) => file.startsWith('test/') || /\.test\.ts$/.test(file))).toEqual([]);
    expect(packed.filter((file) => file.startsWith('cli/') || file.startsWith('compare/') || file.startsWith('scripts/'))).toEqual([]);
    // Only this build's chunks: a build is about 70 files (each CLI command is a chunk of its own,
    // loaded when it runs: cli/commands-index.ts); a stale build left in dist/ would double them.
    const chunks = packed.filter((file) => /^dist\/[^/]+\.mjs$/.test(file));
    expect(chunks.length).toBeLessThan(100);
  });
});

describe('installed in an empty directory', () => {
  it('npx asyncio-conformance check --runs 200: every program agrees, with an HTML report', async () => {
    const r = await inApp('npx', ['asyncio-conformance', 'check', '--runs', '200', '--seed', '42', '--report', 'report']);
    expect(r.stdout).toContain('All 200 programs agree with CPython.');
    expect(r.exitCode).toBe(0);
    expect(await readdir(join(app, 'report'))).toContain('index.html');
  });

  it('the library imports and runs: generate, check (native differs), run on the port (a child process)', async () => {
    await writeFile(
      join(app, 'use.mjs'),
      [
        "import { check, generate, run, isFailure } from 'asyncio-conformance';",
        'const { programs } = generate({ count: 2, seed: 1 });',
        "const report = await check({ runs: 20, seed: 42, target: 'native', workers: 1, shrink: false });",
        "const ran = await run({ source: 'import asyncio\\nasync def main():\\n    print(\"hi\")\\nasyncio.run(main())\\n', target: 'port' });",
        "console.log(JSON.stringify({ generated: programs.length, differences: report.differences, trace: isFailure(ran) ? ran.failure : ran.trace.map((e) => e.text) }));",
      ].join('\n'),
    );
    const r = await inApp('node', ['use.mjs']);
    expect(r.exitCode, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.generated).toBe(2);
    expect(out.differences).toBeGreaterThan(0);
    expect(out.trace).toEqual(['hi\n']);
  });

  it('the library type-checks with its declarations (and a wrong use does not)', async () => {
    const tsconfig = { compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck: true, noEmit: true, types: [] }, files: ['typed.ts'] };
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
    const typed = [
      "import { check, type CheckReport, type TargetAdapter } from 'asyncio-conformance';",
      "import { conformance } from 'asyncio-conformance/vitest';",
      'const report: CheckReport = await check({ runs: 1, seed: 1 });',
      'const differences: number = report.differences;',
      'const adapter: TargetAdapter | undefined = undefined;',
      "conformance((name, body, timeout) => [name, body, timeout], { target: adapter ?? 'native', runs: 5 });",
      'export { differences };',
    ];
    await writeFile(join(app, 'typed.ts'), typed.join('\n'));
    const ok = await inApp('node', [TSC, '-p', '.']);
    expect(ok.stdout + ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    await writeFile(join(app, 'typed.ts'), [...typed, 'export const wrong: string = report.differences;'].join('\n'));
    const wrong = await inApp('node', [TSC, '-p', '.']);
    expect(wrong.stdout).toContain("error TS2322: Type 'number' is not assignable to type 'string'");
  });

  // The vitest helper's failure, asserted here on the installed package rather than also from the sources in
  // test/lib/vitest.e2e.test.ts: both ran the same 20 native programs (seed 42), shrinking each difference, in a vitest of their own.
  it('a three-line vitest file fails on a wrong target, printing the minimal program, both traces and the replay line', async () => {
    // The port's repository has vitest installed; here it is the suite's own.
    await symlink(join(ROOT, 'node_modules/vitest'), join(app, 'node_modules/vitest'), 'dir');
    await writeFile(
      join(app, 'conformance.test.mjs'),
      ["import { test } from 'vitest';", "import { conformance } from 'asyncio-conformance/vitest';", "conformance(test, { target: 'native', runs: 20, seed: 42 });", ''].join('\n'),
    );
    const r = await inApp('node', [VITEST, 'run', 'conformance.test.mjs']);
    const output = r.stdout + r.stderr;
    expect(r.exitCode).toBe(1);
    expect(output).toContain('conforms to CPython asyncio (native, 20 programs)');
    expect(output).toMatch(/ConformanceError: \d+ of 20 programs differ from CPython \(seed 42; rerun with ASYNCIO_CONFORMANCE_SEED=42\)/);
    expect(output).toMatch(/── (lazy-coroutines|lazy-task-start|shutdown-cancellation)(\+[a-z0-9-]+)*: \d+ program/); // a named cause, with its count
    expect(output).toMatch(/smallest example \(\d+ statements, shrunk from \d+/);
    expect(output).toContain('│ asyncio.run(main())');
    expect(output).toMatch(/CPython\s+other side/);
    expect(output).toContain('≠');
    expect(output).toMatch(/replay: npx asyncio-conformance check --target native --seed 42 --path [\d:]+/);
  });
});
