/** `generate --count N --seed S --out DIR`: write N generated programs as `.py` files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { samplePrograms, withHeader } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { makeDirectory } from '../../reports/make-directory.ts';
import { parseCount, parseSeed, randomSeed } from '../options.ts';
import { constraintOptions, constraintsFrom, type ConstraintFlags } from '../constraints.ts';
import { EXIT_BAD_INPUT, EXIT_OK } from '../errors.ts';
import { userPath, type CliContext } from '../io.ts';
import { checkOutputPaths, reason } from '../output-paths.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

const WRITE_BATCH = 64;

interface GenerateFlags extends ConstraintFlags {
  count: number;
  seed?: number;
  out: string;
}

export function registerGenerate(program: Command, context: CliContext): void {
  const command = program
    .command('generate')
    .description(describeCommand('generate'))
    .requiredOption('--out <dir>', 'folder to write prog-0000.py ... into (created if missing)')
    .option('--count <n>', 'how many programs (0 to 10000000)', parseCount, 10)
    .option('--seed <seed>', 'fast-check seed, -2147483648 to 2147483647 (default: random, printed)', parseSeed);
  constraintOptions(command).action(async (flags: GenerateFlags) => {
    const { io } = context;
    const out = userPath(io, flags.out);
    const constraints = constraintsFrom(flags);
    await checkOutputPaths([{ flag: '--out', path: out, kind: 'folder' }]);
    const seed = flags.seed ?? randomSeed();
    const programs = samplePrograms({ seed, count: flags.count, constraints });
    const width = Math.max(4, String(flags.count - 1).length);
    try {
      await makeDirectory(out);
      // A bounded number of files open at once: a large --count must not run out of file descriptors.
      for (let start = 0; start < programs.length; start += WRITE_BATCH) {
        await Promise.all(
          programs.slice(start, start + WRITE_BATCH).map((p, k) => {
            const i = start + k;
            const named = withHeader(p, { seed, path: String(i), constraints });
            return writeFile(join(out, `prog-${String(i).padStart(width, '0')}.py`), printPython(named));
          }),
        );
      }
    } catch (error) {
      io.stderr.write(`asyncio-conformance: could not write the programs to ${terminalSafe(flags.out)}: ${reason(error)}\n`);
      context.exitCode = EXIT_BAD_INPUT;
      return;
    }
    io.stderr.write(`wrote ${programs.length} programs to ${terminalSafe(flags.out)} (seed ${seed})\n`);
    context.exitCode = EXIT_OK;
  });
}
