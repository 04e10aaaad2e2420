/**
 * Offline measurement (not a test): `float ** float` on the port against python3 itself, bit
 * for bit, over a million or more random cases, and how often glibc's two x86-64 builds of
 * pow disagree (runtime/pow.ts). Prints counts; exits 1 when the port differs anywhere.
 *
 *   npx tsx scripts/measure-pow.ts [--count 1000000] [--seed 1] [--python python3]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { pythonMessage, pythonTypeName } from '../runtime/exceptions.ts';
import { pow } from '../runtime/ops.ts';
import { glibcPow } from '../runtime/pow.ts';
import { powBuild } from '../runtime/libm-build.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '1' }, python: { type: 'string', default: 'python3' } } });
const count = Number(values.count);
const { nextWord, unit, between } = xorshift(BigInt(values.seed));

const bitsToDouble = (w: bigint): number => new Float64Array(BigUint64Array.of(w).buffer)[0];
const integer = (lo: number, hi: number): number => Math.floor(between(lo, hi + 1));
const scaled = (lo: number, hi: number): number => between(1, 2) * 2 ** integer(lo, hi);

/** One case of a family; the families cover what a program meets and the corners of pow. */
const FAMILIES: Array<[string, () => [number, number]]> = [
  ['float ** small whole', () => [scaled(-30, 30), integer(-40, 40)]],
  ['float ** fraction', () => [between(0, 16), between(-40, 40)]],
  ['near 1 ** large', () => { const x = 1 + between(-1, 1) * 2 ** -integer(8, 52); return [x, between(-1, 1) * 1100 / Math.abs(Math.log2(x) || 1)]; }],
  ['huge/tiny ** any', () => { const x = scaled(-1022, 1023); return [x, between(-1, 1) * 1100 / Math.abs(Math.log2(x) || 1)]; }],
  ['subnormal ** any', () => [integer(1, 2 ** 52 - 1) * 2 ** -1074, between(-1.2, 1.2)]],
  ['whole ** whole (floats)', () => [integer(2, 10_000), integer(-90, 90)]],
  ['x ** common fraction', () => [between(0, 1e6), [0.5, 1 / 3, 0.25, 1.5, 2.5, -0.5, 1 / 7, 0.1][integer(0, 7)]]],
  ['negative ** whole', () => [-scaled(-20, 20), integer(-60, 60)]],
  ['negative near 1 ** huge whole', () => { const x = -(1 + between(-1, 1) * 2 ** -integer(20, 52)); return [x, Math.round(between(-1, 1) * 800 / Math.abs(Math.log2(-x) || 1))]; }],
  ['random bits ** random bits', () => [bitsToDouble(nextWord()), bitsToDouble(nextWord())]],
];

const cases = new Float64Array(2 * count);
const family = new Uint8Array(count);
for (let k = 0; k < count; k++) {
  family[k] = k % FAMILIES.length;
  const [x, y] = FAMILIES[family[k]][1]();
  cases[2 * k] = x;
  cases[2 * k + 1] = y;
}

// python3: the result's bits, or the exception as `Type: message` (complex results by repr).
const EVALUATE = String.raw`
import array, json, sys
data = array.array('d'); data.frombytes(sys.stdin.buffer.read())
out = array.array('d', bytes(8 * (len(data) // 2))); other = {}
for k in range(len(data) // 2):
    try:
        r = data[2 * k] ** data[2 * k + 1]
        if isinstance(r, complex): other[k] = 'complex: ' + repr(r)
        else: out[k] = r
    except Exception as e:
        other[k] = type(e).__name__ + ': ' + str(e)
sys.stdout.buffer.write(json.dumps(other).encode() + b'\n' + out.tobytes())
`;
import { xorshift } from './xorshift.ts';
const raw = execFileSync(values.python, ['-c', EVALUATE], { input: Buffer.from(cases.buffer), maxBuffer: 1 << 30 });
const newline = raw.indexOf(10);
const cpythonOther = JSON.parse(raw.subarray(0, newline).toString()) as Record<string, string>;
const cpython = new Float64Array(raw.buffer.slice(raw.byteOffset + newline + 1, raw.byteOffset + raw.length));

const bits = (x: number): bigint => new BigUint64Array(Float64Array.of(x).buffer)[0];
const sameFloat = (a: number, b: number): boolean => bits(a) === bits(b) || (Number.isNaN(a) && Number.isNaN(b));
const byFamily = FAMILIES.map(() => ({ cases: 0, mismatches: 0, complex: 0, raised: 0 }));
const examples: string[] = [];
let buildsDisagree = 0;
let fractionalFinite = 0;
let fractionalDisagree = 0;
for (let k = 0; k < count; k++) {
  const [x, y] = [cases[2 * k], cases[2 * k + 1]];
  const stats = byFamily[family[k]];
  stats.cases++;
  const expected = cpythonOther[k];
  let got: number | string;
  try {
    got = pow(x, y) as number;
  } catch (error) {
    got = `${pythonTypeName(error)}: ${pythonMessage(error)}`;
  }
  if (expected?.startsWith('complex: ')) {
    // The port has no complex type: it must refuse, loudly, exactly these cases.
    stats.complex++;
    if (typeof got !== 'string' || !got.includes('complex result')) stats.mismatches++;
  } else {
    if (expected !== undefined) stats.raised++;
    const same = expected !== undefined ? got === expected : typeof got === 'number' && sameFloat(got, cpython[k]);
    if (!same) {
      stats.mismatches++;
      if (examples.length < 10) examples.push(`${x} ** ${y}: CPython ${expected ?? cpython[k]}, port ${got}`);
    }
  }
  if (x > 0 && Number.isFinite(x) && Number.isFinite(y) && y !== 0) {
    const [withFma, generic] = [glibcPow(x, y, 'fma'), glibcPow(x, y, 'generic')];
    const differ = !sameFloat(withFma, generic);
    if (differ) buildsDisagree++;
    if (!Number.isInteger(y) && Number.isFinite(withFma) && withFma !== 0) {
      fractionalFinite++;
      if (differ) fractionalDisagree++;
    }
  }
}

const mismatches = byFamily.reduce((n, s) => n + s.mismatches, 0);
console.log(`python: ${values.python}; port's pow build: ${powBuild()}; seed ${values.seed}`);
FAMILIES.forEach(([name], f) => {
  const s = byFamily[f];
  console.log(`  ${name.padEnd(30)} ${String(s.cases).padStart(8)} cases, ${s.mismatches} mismatches (${s.raised} raised, ${s.complex} complex)`);
});
console.log(`${count} cases, ${mismatches} mismatches`);
console.log(`glibc's FMA and generic builds disagree on ${buildsDisagree} positive-base cases; on ${fractionalDisagree} of ${fractionalFinite} finite results of fractional powers`);
for (const line of examples) console.log(`  ${line}`);
process.exitCode = mismatches === 0 ? 0 : 1;
