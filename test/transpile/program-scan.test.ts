/**
 * transpile/program-scan.ts: one walk answers what the emitter read before from the program's
 * JSON text (`"kind":"namedExpr"`, `"name":"StopIteration"`...) or from walks of its own. Each
 * fact is held here against that old definition, on generated programs (every feature on: the
 * closures' lambdas, the async generators' `anext`) and on every .py program under test/ that
 * the importer reads (walrus, `next()`, StopIteration, lambdas in comprehensions).
 */
import { execSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, samplePrograms } from '../../generators/index.ts';
import type { Program } from '../../ir/program.ts';
import { importPythonFile } from '../../oracle/importer.ts';
import { holdsKind, scanProgram } from '../../transpile/program-scan.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { builtin, int, list } from './_ir.ts';

const EVERY_FEATURE = Object.fromEntries(Object.keys(DEFAULT_FEATURES).map((k) => [k, true]));
const ROOT = new URL('../../', import.meta.url).pathname;

/** The facts as the emitter computed them before: JSON text searches and generic walks. */
function factsFromJson(program: Program) {
  const json = JSON.stringify(program);
  const asyncioFuncs = new Set<string>();
  const createTask = { seen: false };
  const globals: string[] = [];
  const names = new Set<string>();
  const visit = (node: unknown, part: 'functions' | 'body' | 'other'): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, part));
    if (node === null || typeof node !== 'object') return;
    const n = node as { kind?: unknown; func?: unknown; method?: unknown; names?: string[]; id?: unknown };
    if (n.kind === 'asyncio' && typeof n.func === 'string') asyncioFuncs.add(n.func);
    if (n.kind === 'method' && n.method === 'create_task') createTask.seen = true;
    if (n.kind === 'global' && part === 'functions') for (const g of n.names!) if (!globals.includes(g)) globals.push(g);
    if (n.kind === 'name' && part !== 'other' && typeof n.id === 'string') names.add(n.id);
    Object.values(node).forEach((v) => visit(v, part));
  };
  visit(program.functions, 'functions');
  visit(program.body, 'body');
  visit(program.header, 'other');
  return {
    walrus: json.includes('"kind":"namedExpr"'),
    namesStopIteration: json.includes('"name":"StopIteration"') || json.includes('"func":"next"'),
    lambda: json.includes('"kind":"lambda"'),
    asyncioFuncs,
    createTaskMethod: createTask.seen,
    globalDeclarations: globals,
    namesRead: names,
  };
}

function expectSameFacts(programs: Program[]): void {
  for (const program of programs) {
    expect(scanProgram(program)).toEqual(factsFromJson(program));
    for (const node of [...program.functions, ...program.body]) expect(holdsKind(node, 'lambda')).toBe(JSON.stringify(node).includes('"kind":"lambda"'));
  }
}

describe('scanProgram: the facts the emitter read from the program as JSON', () => {
  it('on generated programs, default swarm and every feature on (seed 42)', () => {
    expectSameFacts([...samplePrograms({ seed: 42, count: 150 }), ...samplePrograms({ seed: 42, count: 150, constraints: { features: EVERY_FEATURE, swarm: false } })]);
  });

  it('on generated programs with every feature on, random seed', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`program-scan: random seed ${seed}`);
    expectSameFacts(samplePrograms({ seed, count: 100, constraints: { features: EVERY_FEATURE, swarm: false } }));
  });

  it('a next() call alone counts as naming StopIteration (it raises it)', () => {
    const program: Program = { functions: [], body: [{ kind: 'expr', expr: builtin('next', [builtin('iter', [list(int(1))])]) }] };
    expect(scanProgram(program).namesStopIteration).toBe(true);
    expectSameFacts([program]);
  });

  it('on every .py program under test/ that the importer reads', { timeout: 120_000 }, async () => {
    const oracle = await sharedOracle();
    const files = execSync('find test -name "*.py"', { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').sort();
    const programs: Program[] = [];
    for (const file of files) {
      try {
        programs.push(await importPythonFile(`${ROOT}${file}`, oracle));
      } catch {
        // Programs outside the subset (the importer's refusals, hostile files) have no IR to scan.
      }
    }
    expect(programs.length).toBeGreaterThan(100);
    const facts = programs.map(scanProgram);
    // The rare constructs are there, so the comparison below says something about them.
    expect(facts.some((f) => f.walrus) && facts.some((f) => f.namesStopIteration) && facts.some((f) => f.lambda)).toBe(true);
    expectSameFacts(programs);
  });
});
