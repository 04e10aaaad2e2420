/** `transpile FILE.py [-o OUT.ts]`: the TypeScript that runs on the port, formatted for people. */
import { writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { Option } from 'commander';
import { formatTypeScript, transpile } from '../../port/transpile/index.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';

interface TranspileFlags {
  output?: string;
  profile: 'port' | 'native';
  python?: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** How the output file imports the port: relative to where it is written, so it runs with `npx tsx OUT.ts`. */
export function importPaths(outFile: string | undefined): { port: string; python: string; native: string } {
  const from = outFile ? dirname(resolve(outFile)) : process.cwd();
  const spec = (target: string) => {
    const path = relative(from, resolve(repoRoot, target)).split('\\').join('/');
    return path.startsWith('.') ? path : `./${path}`;
  };
  return { port: spec('port/index.ts'), python: spec('port/python/index.ts'), native: spec('native/index.ts') };
}

export function registerTranspile(program: Command): void {
  program
    .command('transpile')
    .description('translate a Python file to TypeScript that runs on the port (run it with: npx tsx OUT.ts)')
    .argument('<file.py>', 'a Python file in the supported subset')
    .option('-o, --output <out.ts>', 'write here instead of stdout')
    .addOption(new Option('--profile <profile>', 'port: CPython semantics on the port; native: idiomatic JS promises').choices(['port', 'native']).default('port'))
    .option('--python <path>', 'the CPython whose ast reads the file')
    .action(async (file: string, flags: TranspileFlags) => {
      await withOracle({ python: flags.python, workers: 1 }, async (oracle) => {
        const { program: ir } = await loadPythonFile(file, oracle);
        const ts = await formatTypeScript(transpile(ir, { importFrom: importPaths(flags.output), profile: flags.profile }));
        if (flags.output) await writeFile(flags.output, ts);
        else process.stdout.write(ts);
      });
    });
}
