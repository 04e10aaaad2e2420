/**
 * Offline measurement (not a test): the ports of glibc's log, exp, sin and cos
 * (runtime/libm-*.ts), in both x86-64 builds, against those very builds inside this machine's
 * libm.so.6, called through scripts/libm-probe.c (Debian 12 x86-64 only), bit for bit; prints
 * the counts, how often the two builds disagree, and the port's nanoseconds per call.
 * Exits 1 when a port differs anywhere.
 *
 *   gcc -O2 -o /tmp/libm-probe scripts/libm-probe.c -ldl
 *   npx tsx scripts/measure-libm.ts [--count 200000] [--seed 1] [--probe /tmp/libm-probe] [--only sin]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { glibcExp } from '../runtime/libm-exp.ts';
import { glibcLog } from '../runtime/libm-log.ts';
import { glibcCos, glibcSin } from '../runtime/libm-sin.ts';
import type { PowBuild } from '../runtime/libm-build.ts';
import { xorshift } from './xorshift.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '200000' }, seed: { type: 'string', default: '1' }, probe: { type: 'string', default: '/tmp/libm-probe' }, only: { type: 'string' } } });
const count = Number(values.count);
const { nextWord, unit, between } = xorshift(BigInt(values.seed));

const integer = (lo: number, hi: number): number => Math.floor(between(lo, hi + 1));
const scaled = (lo: number, hi: number): number => between(1, 2) * 2 ** integer(lo, hi);
const signed = (x: number): number => (unit() < 0.5 ? -x : x);
const anyBits = (): number => new Float64Array(BigUint64Array.of(nextWord()).buffer)[0];

type Family = [string, () => number];
const ANGLES: Family[] = [
  ['|x| < 1', () => between(-1, 1)],
  ['|x| < 10', () => between(-10, 10)],
  ['2^-30 .. 2^30', () => signed(scaled(-30, 30))],
  ['near k*pi/2', () => integer(-70000, 70000) * (Math.PI / 2) * (1 + between(-1, 1) * 2 ** -integer(20, 52))],
  ['1e5 .. 1e8', () => signed(between(1e5, 1.05e8))],
  ['1e8 .. 1e22', () => signed(10 ** between(8, 22))],
  ['up to 2^1023', () => signed(scaled(26, 1023))],
  ['tiny and subnormal', () => signed(scaled(-1074, -20))],
];
const FAMILIES: Record<string, Family[]> = {
  log: [
    ['(0, 10)', () => between(0, 10)],
    ['near 1', () => 1 + between(-1, 1) * 2 ** -integer(4, 52)],
    ['2^-1022 .. 2^1023', () => scaled(-1022, 1023)],
    ['subnormal', () => integer(1, 2 ** 52 - 1) * 2 ** -1074],
    ['whole numbers', () => integer(1, 1e9)],
  ],
  exp: [
    ['|x| < 1', () => between(-1, 1)],
    ['-745 .. 710', () => between(-745.2, 709.8)],
    ['tiny', () => signed(scaled(-60, -1))],
    ['subnormal results', () => between(-745.2, -708)],
    ['near overflow', () => between(705, 709.78)],
  ],
  sin: ANGLES,
  cos: ANGLES,
};
const PORTS: Record<string, (x: number, build: PowBuild) => number> = { log: glibcLog, exp: glibcExp, sin: glibcSin, cos: glibcCos };

function probe(fn: string, build: PowBuild, xs: Float64Array): Float64Array {
  const out = execFileSync(values.probe!, [fn, build], { input: Buffer.from(xs.buffer), maxBuffer: 1 << 30 });
  return new Float64Array(out.buffer, out.byteOffset, out.length / 8);
}

let failed = false;
for (const [fn, families] of Object.entries(FAMILIES)) {
  if (values.only && values.only !== fn) continue;
  const xs = new Float64Array(count);
  for (let k = 0; k < count; k++) xs[k] = k % 50 === 49 ? anyBits() : families[k % families.length][1]();
  for (const build of ['fma', 'generic'] as const) {
    const want = probe(fn, build, xs);
    const port = PORTS[fn];
    const got = new Float64Array(count);
    const start = process.hrtime.bigint();
    for (let k = 0; k < count; k++) got[k] = port(xs[k], build);
    const ns = Number(process.hrtime.bigint() - start) / count;
    const bad: number[] = [];
    for (let k = 0; k < count; k++) if (!Object.is(got[k], want[k]) && !(Number.isNaN(got[k]) && Number.isNaN(want[k]))) bad.push(k);
    if (bad.length) failed = true;
    console.log(`${fn} ${build}: ${count} arguments, ${bad.length} differences, ${ns.toFixed(0)} ns per call`);
    for (const k of bad.slice(0, 5)) console.log(`  ${fn}(${xs[k]}) [${families[k % families.length][0]}]: libm ${want[k]}, port ${got[k]}`);
  }
  const fmaRun = probe(fn, 'fma', xs);
  const genericRun = probe(fn, 'generic', xs);
  let apart = 0;
  for (let k = 0; k < count; k++) if (!Object.is(fmaRun[k], genericRun[k]) && !Number.isNaN(fmaRun[k])) apart++;
  console.log(`${fn}: the two builds of libm differ on ${apart} of ${count}`);
}
process.exit(failed ? 1 : 0);
