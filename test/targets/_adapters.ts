/**
 * Adapter modules written the way a port's author writes them, outside the repository: each
 * test writes the ones it needs into a fresh folder under os.tmpdir() and passes its path to
 * `--target`. The "wrong ports" run this repository's port (imported by absolute file URL, as
 * any outside module would) with one of port/_mutations.ts' switches flipped inside the
 * adapter's own process; the misbehaving ones run the faithful port except on one program.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url);
const url = (path: string) => JSON.stringify(new URL(path, ROOT).href);

/** The faithful port as an adapter body: `run` returns executeOnPort's RunResult. */
const PORT_IMPORTS = `import { executeOnPort } from ${url('transpile/execute.ts')};
import { _mutations } from ${url('port/_mutations.ts')};
import * as asyncio from ${url('port/index.ts')};
`;

/** Whether the program is the one at fast-check path `path` of its seed (its header's replay line says so). */
const IS_PATH = `const isPath = (python, path) => python.includes(\`--path \${path}\\n\`);`;

export const ADAPTER_SOURCES = {
  /** Timers with equal deadlines fire in insertion order (as JS timers do), not heapq's order. */
  'fifo-ties.mjs': `${PORT_IMPORTS}
_mutations.fifoTies = true;
export default {
  name: 'fifo-ties',
  compares: 'time',
  // Tasks it cannot run: the generator then makes gather programs, whose children are not created tasks.
  features: { createTask: false, unawaitedTask: false },
  run: ({ program, clock, budget }) => executeOnPort(program, { clock, budget }),
};
`,
  /** A task created while the loop runs starts at once, JS-style (main's own task, created before, does not). */
  'eager-start.mjs': `${PORT_IMPORTS}
Object.defineProperty(_mutations, 'eagerTaskStart', { get: () => asyncio._get_running_loop() !== null, enumerable: true });
export default {
  name: 'eager-start',
  compares: 'time',
  run: ({ program, clock, budget }) => executeOnPort(program, { clock, budget }),
};
`,
  /** Throws on the program at path 1; faithful elsewhere. */
  'throws.mjs': `${PORT_IMPORTS}${IS_PATH}
export default {
  name: 'thrower',
  compares: 'time',
  run({ python, program, clock, budget }) {
    if (isPath(python, 1)) throw new RangeError('the scheduler lost its way');
    return executeOnPort(program, { clock, budget });
  },
};
`,
  /** Never answers on the program at path 1 (a busy loop: its event loop is blocked too); faithful elsewhere. */
  'hangs.mjs': `${PORT_IMPORTS}${IS_PATH}
export default {
  name: 'hanger',
  compares: 'time',
  run({ python, program, clock, budget }) {
    if (isPath(python, 1)) for (;;) {}
    return executeOnPort(program, { clock, budget });
  },
};
`,
  /** Returns a NaN time on the program at path 1, a number as text at path 2; faithful elsewhere. */
  'garbage.mjs': `${PORT_IMPORTS}${IS_PATH}
export default {
  name: 'garbage',
  compares: 'time',
  async run({ python, program, clock, budget }) {
    const result = await executeOnPort(program, { clock, budget });
    if (isPath(python, 1)) return { ...result, trace: [{ text: 'x\\n', time: NaN }] };
    if (isPath(python, 2)) return { ...result, trace: [{ text: 42, time: 0 }] };
    return result;
  },
};
`,
  /** No default export. */
  'no-default.mjs': `export const name = 'nothing';\n`,
  /** Fails to import. */
  'syntax-error.mjs': `export default { name: 'broken', compares: 'time', run( };\n`,
  /** A feature the generator does not know. */
  'unknown-feature.mjs': `export default { name: 'x', compares: 'order', features: { telepathy: false }, run: () => ({ trace: [], outcome: { kind: 'ok' } }) };\n`,
  /** Declares that it cannot run gather (and prints nothing: never run here). */
  'no-gather.mjs': `export default { name: 'no-gather', compares: 'order', features: { gather: false }, run: () => ({ trace: [], outcome: { kind: 'ok' } }) };\n`,
  /** A TypeScript adapter: the faithful port, typed with the library's types. */
  'typed.ts': `import type { AdapterInput, AdapterResult, TargetAdapterModule } from ${url('lib/index.ts')};
${PORT_IMPORTS}
const adapter: TargetAdapterModule = {
  name: 'typed',
  compares: 'time',
  run: ({ program, clock, budget }: AdapterInput): Promise<AdapterResult> => executeOnPort(program, { clock, budget }),
};
void _mutations;
void asyncio;
export default adapter;
`,
} as const;

export type AdapterFixture = keyof typeof ADAPTER_SOURCES;

/** Writes the named fixtures into a new folder under os.tmpdir(); returns it. */
export function writeAdapters(names: AdapterFixture[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-conformance-adapters-'));
  for (const name of names) writeFileSync(join(dir, name), ADAPTER_SOURCES[name]);
  return dir;
}

