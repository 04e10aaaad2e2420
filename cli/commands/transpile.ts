/** `transpile FILE.py [-o OUT.ts]`: the TypeScript that runs on the port, formatted for people. */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatTypeScript, transpile } from '../../transpile/index.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../errors.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import { DEFAULT_PYTHON_VERSION, pythonVersion, type PythonVersion } from '../../port/version.ts';
import { pythonVersionOption } from '../options.ts';
import { pythonFrom, userPath, type CliContext } from '../io.ts';
import { checkOutputPaths, reason } from '../output-paths.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface TranspileFlags {
  output?: string;
  profile: 'port' | 'native';
  python?: string;
  pythonVersion?: PythonVersion;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** How the output file imports the port: relative to where it is written, so it runs with `npx tsx OUT.ts`. */
export function importPaths(outFile: string | undefined, cwd: string = process.cwd()): { port: string; python: string; native: string } {
  const from = outFile ? dirname(resolve(cwd, outFile)) : cwd;
  const spec = (target: string) => {
    const path = relative(from, resolve(repoRoot, target)).split('\\').join('/');
    return path.startsWith('.') ? path : `./${path}`;
  };
  return { port: spec('port/index.ts'), python: spec('runtime/index.ts'), native: spec('native/index.ts') };
}

export function registerTranspile(program: Command, context: CliContext): void {
  program
    .command('transpile')
    .description(describeCommand('transpile'))
    .argument('<file.py>', 'a Python file in the supported subset')
    .option('-o, --output <out.ts>', 'write here instead of stdout')
    .addOption(new Option('--profile <profile>', 'port: CPython semantics on the port; native: idiomatic JS promises').choices(['port', 'native']).default('port'))
    .option('--python <path>', 'the CPython whose ast reads the file')
    .addOption(pythonVersionOption())
    .action(async (file: string, flags: TranspileFlags) => {
      const { io } = context;
      const output = flags.output === undefined ? undefined : userPath(io, flags.output);
      await checkOutputPaths([{ flag: '-o', path: output, kind: 'file' }]);
      await withOracle({ python: pythonFrom(io, flags.python), workers: 1, pythonVersion: flags.pythonVersion, start: io.startOracle }, async (oracle) => {
        const { program: ir } = await loadPythonFile(userPath(io, file), oracle);
        const importFrom = importPaths(output, io.cwd);
        const ts = targetingVersion(await formatTypeScript(transpile(ir, { importFrom, profile: flags.profile })), importFrom.port, flags.profile);
        if (output === undefined) {
          io.stdout.write(ts);
          context.exitCode = EXIT_OK;
          return;
        }
        try {
          await writeFile(output, ts);
          context.exitCode = EXIT_OK;
        } catch (error) {
          io.stderr.write(`asyncio-conformance: could not write ${terminalSafe(flags.output ?? '')}: ${reason(error)}\n`);
          context.exitCode = EXIT_BAD_INPUT;
        }
      });
    });
}

/**
 * The port reproduces 3.11 unless told (port/version.ts): a program transpiled for another
 * version (`--python-version`, else the oracle's) sets it before its first statement.
 */
function targetingVersion(ts: string, portIndex: string, profile: 'port' | 'native'): string {
  const version = pythonVersion();
  if (profile !== 'port' || version === DEFAULT_PYTHON_VERSION) return ts;
  const lines = ts.split('\n');
  let lastImport = -1;
  lines.forEach((line, i) => {
    if (line.startsWith('import ')) lastImport = i;
  });
  const versionModule = portIndex.replace(/index\.ts$/, 'version.ts');
  lines.splice(lastImport + 1, 0, `import { setPythonVersion } from '${versionModule}';`, '', `setPythonVersion('${version}');`);
  return lines.join('\n');
}
