/**
 * The CLI's commands as `--help` lists them: name, arguments and description, and how to load
 * the command's module. A module loads only when its command runs (a command's module imports
 * its whole graph: the transpiler, the generators, the reports), so `--help` and `run` stay quick;
 * `--help` lists the commands from this table alone (cli/main.ts). Each command module takes its
 * description from here: one text for both (test/cli/options.test.ts checks the two helps agree).
 */
import type { Command } from 'commander';
import type { CliContext } from './io.ts';

export type Register = (program: Command, context: CliContext) => void;

export interface CommandEntry {
  readonly name: string;
  /** The arguments as the command's usage shows them (`<file.py>`). */
  readonly args: readonly string[];
  readonly description: string;
  readonly load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'check',
    args: [],
    description: 'generate programs, run each on CPython and on the port (or the native profile), compare the traces',
    load: async () => (await import('./commands/check.ts')).registerCheck,
  },
  {
    name: 'run',
    args: ['<file.py>'],
    description: 'run one Python file on CPython (the oracle), the port or the native-JS profile, and print its output',
    load: async () => (await import('./commands/run.ts')).registerRun,
  },
  {
    name: 'transpile',
    args: ['<file.py>'],
    description: 'translate a Python file to TypeScript that runs on the port (run it with: npx tsx OUT.ts)',
    load: async () => (await import('./commands/transpile.ts')).registerTranspile,
  },
  {
    name: 'compare',
    args: ['<file.py>'],
    description: 'run one Python file on CPython and on the port (or the native profile) and show where they differ',
    load: async () => (await import('./commands/compare.ts')).registerCompare,
  },
  {
    name: 'generate',
    args: [],
    description: 'write random, valid, terminating asyncio programs as .py files (each with a header that replays it)',
    load: async () => (await import('./commands/generate.ts')).registerGenerate,
  },
  {
    name: 'merge-reports',
    args: ['<paths...>'],
    description: 'combine the --json reports of check --shard i/n runs into one report',
    load: async () => (await import('./commands/merge-reports.ts')).registerMergeReports,
  },
  {
    name: 'corpus',
    args: [],
    description: 'replay the regression corpus (test/corpus/*.py) on CPython and on the port',
    load: async () => (await import('./commands/corpus.ts')).registerCorpus,
  },
  {
    name: 'check-doc',
    args: ['<file>'],
    description: "test a tutorial's claims: run each Python program of a Markdown, rst or notebook file on CPython and compare with the output the text claims",
    load: async () => (await import('./commands/check-doc.ts')).registerCheckDoc,
  },
  {
    name: 'lessons',
    args: [],
    description:
      'run check --target native (or another Python) and write one lesson per cause of difference (Markdown and HTML): the minimal program, both outputs, the fix, an exercise',
    load: async () => (await import('./commands/lessons.ts')).registerLessons,
  },
  {
    name: 'explain',
    args: ['<file.py>'],
    description: "tell the story of one run from CPython's loop events: why each line printed when it did, and where native promises part",
    load: async () => (await import('./commands/explain.ts')).registerExplain,
  },
  {
    name: 'matrix',
    args: [],
    description: 'the same programs on every available Python and on the port at each version: one HTML page (versions across, causes down) and JSON',
    load: async () => (await import('./commands/matrix.ts')).registerMatrix,
  },
];

/** The description of command `name` (each command module's `.description(...)`). */
export function describeCommand(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`no command ${name} in cli/commands-index.ts`);
  return entry.description;
}
