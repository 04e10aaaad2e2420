/** `generate --count N --seed S --out DIR`: write N generated programs as `.py` files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { samplePrograms, withHeader } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { parseNonNegativeInt, parseSeed, randomSeed } from '../options.ts';
import { constraintOptions, constraintsFrom, type ConstraintFlags } from '../constraints.ts';

interface GenerateFlags extends ConstraintFlags {
  count: number;
  seed?: number;
  out: string;
}

export function registerGenerate(program: Command): void {
  const command = program
    .command('generate')
    .description('write random, valid, terminating asyncio programs as .py files (each with a header that replays it)')
    .requiredOption('--out <dir>', 'folder to write prog-0000.py ... into (created if missing)')
    .option('--count <n>', 'how many programs', parseNonNegativeInt, 10)
    .option('--seed <seed>', 'fast-check seed (default: random, printed)', parseSeed);
  constraintOptions(command).action(async (flags: GenerateFlags) => {
    const seed = flags.seed ?? randomSeed();
    const constraints = constraintsFrom(flags);
    const programs = samplePrograms({ seed, count: flags.count, constraints });
    await mkdir(flags.out, { recursive: true });
    const width = Math.max(4, String(flags.count - 1).length);
    await Promise.all(
      programs.map((p, i) => {
        const named = withHeader(p, { seed, path: String(i), constraints });
        return writeFile(join(flags.out, `prog-${String(i).padStart(width, '0')}.py`), printPython(named));
      }),
    );
    process.stderr.write(`wrote ${programs.length} programs to ${flags.out} (seed ${seed})\n`);
  });
}
