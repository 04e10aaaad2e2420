import CodeBlockWriter from 'code-block-writer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeWriter } from '../../../port/transpile/writer.ts';

/**
 * CodeWriter must write exactly what code-block-writer writes (emitted TypeScript is compared
 * byte for byte across versions). Random operation sequences, with text made of the characters
 * the library's string/comment/regex tracking reacts to, run on both writers.
 */
type Op =
  | { op: 'write' | 'writeLine'; text: string }
  | { op: 'newLine' | 'blankLine' }
  | { op: 'block' | 'inlineBlock'; body: Op[] };

const piece = fc.constantFrom('a', 'x = 1', ' ', '  ', '\n', '\r\n', '\r', "'", '"', '`', '\\', '/', '//', '/*', '*/', '*', '{', '}', '${', '$', ';', 'return null;');
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

const { ops } = fc.letrec<{ ops: Op[]; op: Op }>((tie) => ({
  ops: fc.array(tie('op'), { maxLength: 6 }),
  op: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('write' as const, 'writeLine' as const), text }),
    fc.record({ op: fc.constantFrom('newLine' as const, 'blankLine' as const) }),
    fc.record({ op: fc.constantFrom('block' as const, 'inlineBlock' as const), body: tie('ops') as fc.Arbitrary<Op[]> }),
  ),
}));

interface Writer {
  write(text: string): unknown;
  writeLine(text: string): unknown;
  newLine(): unknown;
  blankLine(): unknown;
  block(body: () => void): unknown;
  inlineBlock(body: () => void): unknown;
  toString(): string;
}

function run(w: Writer, program: Op[]): string {
  const apply = (o: Op): void => {
    if (o.op === 'write' || o.op === 'writeLine') w[o.op](o.text);
    else if (o.op === 'newLine' || o.op === 'blankLine') w[o.op]();
    else if (o.op === 'block' || o.op === 'inlineBlock') w[o.op](() => o.body.forEach(apply));
  };
  program.forEach(apply);
  return w.toString();
}

const library = (): Writer => new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });

describe('CodeWriter writes what code-block-writer writes', () => {
  it('a template literal with a raw newline keeps its second line unindented', () => {
    const program: Op[] = [{ op: 'block', body: [{ op: 'writeLine', text: 'print(`a\nb`);' }, { op: 'writeLine', text: 'x;' }] }];
    expect(run(new CodeWriter(), program)).toBe('{\n  print(`a\nb`);\n  x;\n}');
    expect(run(new CodeWriter(), program)).toBe(run(library(), program));
  });

  it('random operation sequences (seed 42)', () => {
    fc.assert(
      fc.property(ops, (program) => run(new CodeWriter(), program) === run(library(), program)),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('random operation sequences (random seed)', () => {
    const seed = Date.now() % 1_000_000;
    console.log(`CodeWriter vs code-block-writer: random seed ${seed}`);
    fc.assert(
      fc.property(ops, (program) => {
        expect(run(new CodeWriter(), program)).toBe(run(library(), program));
      }),
      { seed, numRuns: 2000 },
    );
  });
});
