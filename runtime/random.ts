/**
 * Python's `random` module for the port, bit for bit: a port of CPython 3.11's
 * Modules/_randommodule.c (the Mersenne Twister MT19937: init_genrand, init_by_array,
 * genrand_uint32, random_random's 53-bit float, getrandbits, random_seed) and of the
 * Lib/random.py methods the subset lists (seed, _randbelow_with_getrandbits, randrange,
 * randint, uniform, gauss, choice, shuffle, sample). gauss draws through math.log, math.cos and
 * math.sin, which are libm's in CPython: math.ts calls the ports of glibc's (libm-*.ts).
 *
 * Hand-written, not a library: every generated number must be the very one CPython draws
 * from the same seed (no npm Mersenne Twister seeds from an int of any size as
 * random_seed does, nor reproduces random.py's rejection sampling).
 *
 * Every run starts seeded with RANDOM_RUN_SEED (`resetRandom`), as the oracle's worker seeds
 * the generator its programs import; `random.seed(None)` (CPython: seed from the OS) takes
 * that seed too, on both sides.
 */
import { createHash } from 'node:crypto';
import { RANDOM_RUN_SEED } from '../ir/program.ts';
import { IndexError, OverflowError, TypeError, ValueError } from './exceptions.ts';
import { int as pyInt, len as pyLen, list as pyList } from './builtins.ts';
import { cos as mathCos, log as mathLog, sin as mathSin, sqrt as mathSqrt } from './math.ts';
import { add, gt, le, mul, ne, sub } from './ops.ts';
import { getitem, setitem } from './sequences.ts';
import { PyRange, PyTuple, typeName, type PyValue } from './values.ts';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The generator's state: _randommodule.c RandomObject. */
class MersenneTwister {
  readonly mt = new Uint32Array(N);
  index = N + 1;

  /** Ports _randommodule.c init_genrand. */
  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** Ports _randommodule.c init_by_array. */
  initByArray(key: Uint32Array): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** Ports _randommodule.c genrand_uint32. */
  genrandUint32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Ports _randommodule.c random_random: 53 random bits as a float in [0, 1). */
  random(): number {
    const a = this.genrandUint32() >>> 5;
    const b = this.genrandUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** Ports _randommodule.c random_seed for an unsigned seed: its 32-bit words, least significant first. */
  seedUnsigned(n: bigint): void {
    const words: number[] = [];
    for (let rest = n; rest > 0n; rest >>= 32n) words.push(Number(rest & 0xffffffffn));
    if (words.length === 0) words.push(0);
    this.initByArray(Uint32Array.from(words));
  }

  /** Ports _randommodule.c _random_Random_getrandbits_impl (k already checked, > 0). */
  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(this.genrandUint32() >>> (32 - k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32, shift += 32n) {
      let r = this.genrandUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
    }
    return result;
  }
}

const generator = new MersenneTwister();
/** random.py Random.gauss_next: the second normal deviate of gauss's last pair, until drawn or reseeded. */
let gaussNext: number | null = null;

/** The state every run starts from: seeded with RANDOM_RUN_SEED, as the oracle's worker seeds its programs' generator. */
export function resetRandom(): void {
  seedWith(BigInt(RANDOM_RUN_SEED));
}

function seedWith(n: bigint): void {
  generator.seedUnsigned(n < 0n ? -n : n);
  gaussNext = null;
}

resetRandom();

// ---------------------------------------------------------------------------- hashing seeds

const HASH_BITS = 61n;
const HASH_MODULUS = (1n << HASH_BITS) - 1n;
const U64 = 1n << 64n;

/** Ports Python/pyhash.c _Py_HashDouble for a finite or infinite float, as the unsigned size_t random_seed casts it to. */
function floatHashUnsigned(v: number): bigint {
  if (Number.isNaN(v)) {
    // 3.10+: hash(nan) is the object's address, which no run reproduces; the port takes 0.
    return 0n;
  }
  let hash: bigint;
  if (!Number.isFinite(v)) hash = v > 0 ? 314159n : -314159n;
  else {
    let [m, e] = frexp(v);
    let sign = 1n;
    if (m < 0) {
      sign = -1n;
      m = -m;
    }
    let x = 0n;
    while (m) {
      x = ((x << 28n) & HASH_MODULUS) | (x >> (HASH_BITS - 28n));
      m *= 268435456.0;
      e -= 28;
      const y = Math.floor(m);
      m -= y;
      x += BigInt(y);
      if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    const bits = Number(HASH_BITS);
    const shift = BigInt(e >= 0 ? e % bits : bits - 1 - ((-1 - e) % bits));
    x = ((x << shift) & HASH_MODULUS) | (x >> (HASH_BITS - shift));
    hash = x * sign;
    if (hash === -1n) hash = -2n;
  }
  return ((hash % U64) + U64) % U64;
}

/** C's frexp: `v = m * 2**e` with 0.5 <= |m| < 1 (v finite and nonzero), read off the bits. */
function frexp(v: number): [number, number] {
  if (v === 0) return [v, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  let biased = (view.getUint16(0) >>> 4) & 0x7ff;
  let shift = 0;
  if (biased === 0) {
    // subnormal: scale into the normal range first
    view.setFloat64(0, v * 2 ** 64);
    biased = (view.getUint16(0) >>> 4) & 0x7ff;
    shift = 64;
  }
  // Exponent field 1022 makes the value 0.5 <= |m| < 1, the mantissa bits unchanged.
  view.setUint16(0, (view.getUint16(0) & 0x800f) | (1022 << 4));
  return [view.getFloat64(0), biased - 1022 - shift];
}

// ---------------------------------------------------------------------------- random.py

/** Ports random.py Random.seed (version 2): ints by magnitude, str through SHA-512, floats by hash. */
export function seed(a: PyValue): null {
  if (a === null) seedWith(BigInt(RANDOM_RUN_SEED));
  else if (typeof a === 'bigint') seedWith(a);
  else if (typeof a === 'boolean') seedWith(a ? 1n : 0n);
  else if (typeof a === 'number') {
    generator.seedUnsigned(floatHashUnsigned(a));
    gaussNext = null;
  }
  else if (typeof a === 'string') {
    const bytes = Buffer.from(a, 'utf8');
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()]);
    seedWith(BigInt(`0x${all.toString('hex')}`));
  } else throw new TypeError('The only supported seed types are: None,\nint, float, str, bytes, and bytearray.');
  return null;
}

/** Ports _randommodule.c random_random. */
export function random(): number {
  return generator.random();
}

const C_INT_MAX = 2n ** 31n - 1n;

/** Ports _randommodule.c getrandbits (its `int k` argument as Argument Clinic converts it). */
export function getrandbits(k: PyValue): bigint {
  const bits = typeof k === 'boolean' ? (k ? 1n : 0n) : k;
  if (typeof bits !== 'bigint') throw new TypeError(`'${typeName(k)}' object cannot be interpreted as an integer`);
  if (bits > C_INT_MAX) throw new OverflowError('Python int too large to convert to C int');
  if (bits < -C_INT_MAX - 1n) throw new OverflowError('Python int too large to convert to C int');
  if (bits < 0n) throw new ValueError('number of bits must be non-negative');
  if (bits === 0n) return 0n;
  return generator.getrandbits(Number(bits));
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}

/** Ports random.py Random._randbelow_with_getrandbits (n > 0). */
function randbelow(n: bigint): bigint {
  const k = bitLength(n);
  let r = generator.getrandbits(k);
  while (r >= n) r = generator.getrandbits(k);
  return r;
}

/** `operator.index(v)`, or undefined where it raises TypeError. */
function index(v: PyValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

/** random.py's `_index(x)`, else `int(x)` if it equals x (deprecated), else its ValueError. */
function integerArg(v: PyValue, what: string): bigint {
  const i = index(v);
  if (i !== undefined) return i;
  const converted = pyInt(v);
  if (ne(converted, v)) throw new ValueError(`non-integer ${what} for randrange()`);
  return converted;
}

/** Ports random.py Random.randrange. `stop`/`step` undefined: not given. */
export function randrange(start: PyValue, stop?: PyValue, step?: PyValue): bigint {
  const istart = integerArg(start, 'arg 1');
  if (stop === undefined || stop === null) {
    if (step !== undefined) throw new TypeError('Missing a non-None stop argument');
    if (istart > 0n) return randbelow(istart);
    throw new ValueError('empty range for randrange()');
  }
  const istop = integerArg(stop, 'stop');
  const width = istop - istart;
  const istep = step === undefined ? 1n : integerArg(step, 'step');
  if (istep === 1n) {
    if (width > 0n) return istart + randbelow(width);
    throw new ValueError(`empty range for randrange() (${istart}, ${istop}, ${width})`);
  }
  let n: bigint;
  if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
  else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
  else throw new ValueError('zero step for randrange()');
  if (n <= 0n) throw new ValueError('empty range for randrange()');
  return istart + istep * randbelow(n);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Ports random.py Random.randint: `randrange(a, b + 1)`. */
export function randint(a: PyValue, b: PyValue): bigint {
  return randrange(a, add(b, 1n));
}

/** Ports random.py Random.uniform: `a + (b - a) * random()`, with Python's operators. */
export function uniform(a: PyValue, b: PyValue): PyValue {
  return add(a, mul(sub(b, a), generator.random()));
}

/** random.py TWOPI. */
const TWOPI = 2.0 * Math.PI;

/**
 * Ports random.py (3.11) Random.gauss(mu=0.0, sigma=1.0): Box-Muller, each pair of
 * deviates drawn from two random() calls, the second kept for the next call. `args` are
 * the positional arguments, `kw` may hold mu and sigma.
 */
export function gauss(args: PyValue[], kw: Record<string, PyValue> = {}): number {
  const named = (position: number, name: string, fallback: number): PyValue => {
    if (args.length > position && kw[name] !== undefined) throw new TypeError(`Random.gauss() got multiple values for argument '${name}'`);
    return args.length > position ? args[position] : (kw[name] ?? fallback);
  };
  const mu = named(0, 'mu', 0.0);
  const sigma = named(1, 'sigma', 1.0);
  let z = gaussNext;
  gaussNext = null;
  if (z === null) {
    const x2pi = generator.random() * TWOPI;
    const g2rad = mathSqrt(-2.0 * mathLog(1.0 - generator.random()));
    z = mathCos(x2pi) * g2rad;
    gaussNext = mathSin(x2pi) * g2rad;
  }
  return add(mu, mul(z, sigma)) as number; // a float, or add/mul raised
}

/** Ports random.py Random.choice. */
export function choice(seq: PyValue): PyValue {
  const n = pyLen(seq);
  if (n === 0n) throw new IndexError('Cannot choose from an empty sequence');
  return getitem(seq, randbelow(n));
}

/** Ports random.py Random.shuffle (in place; a tuple or str raises on the first swap, as in CPython). */
export function shuffle(x: PyValue): null {
  for (let i = pyLen(x) - 1n; i >= 1n; i--) {
    const j = randbelow(i + 1n);
    const [xi, xj] = [getitem(x, j), getitem(x, i)];
    setitem(x, i, xi);
    setitem(x, j, xj);
  }
  return null;
}

/** What `isinstance(v, collections.abc.Sequence)` says for the port's values. */
function isSequence(v: PyValue): boolean {
  return Array.isArray(v) || v instanceof PyTuple || typeof v === 'string' || v instanceof PyRange;
}

/** Ports random.py Random.sample (no `counts`): `args` are the positional arguments, `kw` may hold `k`. */
export function sample(args: PyValue[], kw: Record<string, PyValue> = {}): PyValue[] {
  const population = args[0];
  if (args.length > 1 && kw.k !== undefined) throw new TypeError("Random.sample() got multiple values for argument 'k'");
  const k = args.length > 1 ? args[1] : kw.k;
  if (!isSequence(population)) throw new TypeError('Population must be a sequence.  For dicts or sets, use sorted(d).');
  const n = pyLen(population);
  if (!(le(0n, k) && le(k, n))) throw new ValueError('Sample larger than population or is negative');
  const result = mul([null], k) as PyValue[]; // `[None] * k`: a float k raises here, as in CPython
  const count = BigInt(result.length);
  let setsize = 21n;
  if (gt(k, 5n)) setsize += 4n ** BigInt(Math.ceil(mathLog(count * 3n, 4n))); // _ceil(_log(k * 3, 4))
  if (n <= setsize) {
    const pool = pyList(population);
    for (let i = 0n; i < count; i++) {
      const j = randbelow(n - i);
      result[Number(i)] = pool[Number(j)];
      pool[Number(j)] = pool[Number(n - i - 1n)];
    }
  } else {
    const selected = new Set<bigint>();
    for (let i = 0n; i < count; i++) {
      let j = randbelow(n);
      while (selected.has(j)) j = randbelow(n);
      selected.add(j);
      result[Number(i)] = getitem(population, j);
    }
  }
  return result;
}
