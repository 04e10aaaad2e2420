/**
 * `check-doc FILE.md|FILE.rst|FILE.ipynb`: a tutorial's claims tested on CPython (teach/).
 * Exit 0 when every claim holds, 1 when a claim does not hold or a block does not parse, 2 on
 * bad input. Blocks outside the importer's subset are reported as "cannot be checked".
 */
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { startOracle, parseOracleName, type Oracle } from '../../oracle/oracles.ts';
import { checkDocument, formatOf, isFinding } from '../../teach/check-doc.ts';
import { docReportText, writeDocHtml, writeDocJson, writeDocJunit } from '../../teach/doc-report.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { withOracle } from '../oracle.ts';
import { whyItPrints } from '../../explain/teach.ts';
import { oracleOption } from '../options.ts';
import { checkOutputPaths } from '../output-paths.ts';
import { pythonFrom, userPath, type CliContext, type CliIo } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface CheckDocFlags {
  json?: string;
  junit?: string;
  report?: string;
  oracle?: string;
  python?: string;
  versions?: string[];
}

export function registerCheckDoc(program: Command, context: CliContext): void {
  program
    .command('check-doc')
    .description(describeCommand('check-doc'))
    .argument('<file>', 'a .md, .rst or .ipynb file')
    .option('--json <file>', 'write the findings as JSON')
    .option('--junit <file>', 'write the findings as JUnit XML (one case per program)')
    .option('--report <dir>', 'write an HTML page (index.html) into this folder')
    .option('--versions <names>', 'other oracles to run each program on (comma-separated, e.g. cpython-3.12,cpython-3.13): flags output that depends on the version', parseNames)
    .option('--python <path>', 'the CPython to use (default: $ASYNCIO_CONFORMANCE_PYTHON, else python3 on PATH)')
    .addOption(oracleOption())
    .action(async (file: string, flags: CheckDocFlags) => {
      context.exitCode = await checkDocCommand(file, flags, context.io);
    });
}

function parseNames(value: string): string[] {
  const names = value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  for (const name of names) {
    try {
      parseOracleName(name);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
  }
  return names;
}

async function checkDocCommand(file: string, flags: CheckDocFlags, io: CliIo): Promise<number> {
  formatOf(file);
  const paths = { json: flags.json && userPath(io, flags.json), junit: flags.junit && userPath(io, flags.junit), report: flags.report && userPath(io, flags.report) };
  await checkOutputPaths([
    { flag: '--json', path: paths.json, kind: 'file' },
    { flag: '--junit', path: paths.junit, kind: 'file' },
    { flag: '--report', path: paths.report, kind: 'folder', writes: 'index.html' },
  ]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(userPath(io, file))).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read it (${code ?? 'not valid UTF-8'})`);
  }
  return withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers: 1, start: io.startOracle }, async (oracle) => {
    const versions: { name: string; oracle: Oracle }[] = [];
    try {
      for (const name of flags.versions ?? []) versions.push({ name, oracle: await (io.startOracle ?? startOracle)({ oracle: name, workers: 1, note: (line) => io.stderr.write(terminalSafe(line)) }) });
      const report = await checkDocument(text, { file, oracle, versions, explain: whyItPrints(oracle) });
      io.stdout.write(terminalSafe(docReportText(report)));
      if (paths.json) await writeDocJson(report, paths.json);
      if (paths.junit) await writeDocJunit(report, paths.junit);
      if (paths.report) io.stderr.write(`report: ${terminalSafe(await writeDocHtml(report, paths.report))}\n`);
      return report.blocks.some(isFinding) ? EXIT_FINDING : EXIT_OK;
    } finally {
      await Promise.all(versions.map((v) => v.oracle.close()));
    }
  });
}
