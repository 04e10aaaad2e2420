/**
 * A port of glibc 2.36's sysdeps/ieee754/dbl-64/branred.c (IBM Accurate Mathematical
 * Library): the range reduction of sin and cos for |x| >= 105414350 (libm-sin.ts). Both
 * x86-64 builds of sin and cos call the one generic `__branred` (Debian's libm.so.6 has no
 * FMA copy of it: its code at 0x66b80 has no vfmadd), so nothing here is fused.
 */
import { fromWords, highWord } from './double-words.ts';

/** branred.h toverp: 2/pi in base 2^24. */
const TOVERP = [
  10680707.0, 7228996.0, 1387004.0, 2578385.0, 16069853.0,
  12639074.0, 9804092.0, 4427841.0, 16666979.0, 11263675.0,
  12935607.0, 2387514.0, 4345298.0, 14681673.0, 3074569.0,
  13734428.0, 16653803.0, 1880361.0, 10960616.0, 8533493.0,
  3062596.0, 8710556.0, 7349940.0, 6258241.0, 3772886.0,
  3769171.0, 3798172.0, 8675211.0, 12450088.0, 3874808.0,
  9961438.0, 366607.0, 15675153.0, 9132554.0, 7151469.0,
  3571407.0, 2607881.0, 12013382.0, 4155038.0, 6285869.0,
  7677882.0, 13102053.0, 15825725.0, 473591.0, 9065106.0,
  15363067.0, 6271263.0, 9264392.0, 5636912.0, 4652155.0,
  7056368.0, 13614112.0, 10155062.0, 1944035.0, 9527646.0,
  15080200.0, 6658437.0, 6231200.0, 6832269.0, 16767104.0,
  5075751.0, 3212806.0, 1398474.0, 7579849.0, 6349435.0,
  12618859.0, 4703257.0, 12806093.0, 14477321.0, 2786137.0,
  12875403.0, 9837734.0, 14528324.0, 13719321.0, 343717.0,
];

// branred.h's constants, given there by their bits.
const T576 = fromWords(0x63f00000, 0); // 2^576
const TM600 = fromWords(0x1a700000, 0); // 2^-600
const TM24 = fromWords(0x3e700000, 0); // 2^-24
const BIG = fromWords(0x43380000, 0); // 6755399441055744
const BIG1 = fromWords(0x43580000, 0); // 27021597764222976
const HP0 = fromWords(0x3ff921fb, 0x54442d18); // pi/2, high part
const HP1 = fromWords(0x3c91a626, 0x33145c07); // pi/2, low part
const MP1 = fromWords(0x3ff921fb, 0x58000000);
const MP2 = fromWords(0xbe4dde97, 0x40000000);
const SPLIT = 134217729.0; // CN = 2^27 + 1

/** One half of x times 2/pi: its integral part mod 4 in `sum`, the rest as b + bb. */
function reduceHalf(xPart: number): [sum: number, b: number, bb: number] {
  const r = new Array<number>(6);
  let k = (highWord(xPart) >>> 20) & 2047;
  k = Math.trunc((k - 450) / 24); // C's int division truncates
  if (k < 0) k = 0;
  let gor = fromWords((highWord(T576) - ((k * 24) << 20)) >>> 0, 0);
  for (let i = 0; i < 6; i++) {
    r[i] = xPart * TOVERP[k + i] * gor;
    gor *= TM24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = r[i] + BIG - BIG;
    sum += s;
    r[i] -= s;
  }
  let t = 0;
  for (let i = 0; i < 6; i++) t += r[5 - i];
  let bb = r[0] - t + r[1] + r[2] + r[3] + r[4] + r[5];
  const s = t + BIG - BIG;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = t - b + bb;
  sum -= sum + BIG1 - BIG1;
  return [sum, b, bb];
}

/**
 * Ports branred.c __branred: x = n*pi/2 + (a + aa), |a + aa| < pi/4; returns n mod 4 and
 * [a, aa]. x finite, |x| >= 105414350.
 */
export function branred(x: number): [n: number, a: number, aa: number] {
  const scaled = x * TM600;
  const t0 = scaled * SPLIT; // split x into two numbers
  const x1 = t0 - (t0 - scaled);
  const x2 = scaled - x1;
  const [sum1, b1, bb1] = reduceHalf(x1);
  const [sum2, b2, bb2] = reduceHalf(x2);
  let sum = sum1 + sum2;
  let b = b1 + b2;
  let bb = Math.abs(b1) > Math.abs(b2) ? b1 - b + b2 : b2 - b + b1;
  if (b > 0.5) {
    b -= 1.0;
    sum += 1.0;
  } else if (b < -0.5) {
    b += 1.0;
    sum -= 1.0;
  }
  let s = b + (bb + bb1 + bb2);
  let t = b - s + bb + (bb1 + bb2);
  b = s * SPLIT;
  const t1 = b - (b - s);
  const t2 = s - t1;
  b = s * HP0;
  bb = t1 * MP1 - b + t1 * MP2 + t2 * MP1 + (t2 * MP2 + s * HP1 + t * HP0);
  s = b + bb;
  t = b - s + bb;
  return [Math.trunc(sum) & 3, s, t]; // ((int) sum) & 3: the quarter of the unit circle
}
