/**
 * `hash()` as CPython 3.11 computes it on a 64-bit build, for the values a set or a dict
 * key can hold in the IR: int, bool, float, str, None-free tuples and frozensets.
 *
 * Hand-written, not a library: a set's iteration order (and so what a printed set shows)
 * follows from these values bit for bit, so they must be CPython's exactly.
 *
 * - int (Objects/longobject.c long_hash): the value modulo 2**61 - 1, sign kept, -1 → -2;
 *   bool hashes as its int.
 * - float (Python/pyhash.c _Py_HashDouble): the exact rational's value modulo 2**61 - 1 (so
 *   `hash(2.0) == hash(2)`), ±inf → ±314159.
 * - str (Python/pyhash.c, Py_HASH_ALGORITHM SIPHASH13, Py_HASH_CUTOFF 0): siphash-1-3 of the
 *   string's canonical storage (1, 2 or 4 bytes per code point, little-endian, by its widest
 *   character), keyed with the hash secret. The oracle runs CPython with PYTHONHASHSEED=0
 *   (oracle/pool.ts), under which the secret is all zero bytes (bootstrap_hash.c
 *   `_Py_HashRandomization_Init`): the key here is (0, 0).
 * - tuple (Objects/tupleobject.c tuplehash): the xxHash-derived lane mix of 3.8+.
 * - None and other objects hash by address in 3.11: no stable value exists; `unstableHash`
 *   says so and callers refuse what would show it.
 */
import { RunTimeRefusal } from './refusal.ts';
import { TypeError } from './exceptions.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';

const M64 = (1n << 64n) - 1n;
const MODULUS = (1n << 61n) - 1n;
const HASH_INF = 314159n;

/** A Py_hash_t (signed 64-bit) from an unsigned 64-bit pattern. */
function signed(u: bigint): bigint {
  return BigInt.asIntN(64, u);
}

/** Ports long_hash (3.11): sign * (|v| mod (2**61 - 1)), with -1 reserved. */
export function hashInt(v: bigint): bigint {
  const magnitude = (v < 0n ? -v : v) % MODULUS;
  const h = v < 0n ? -magnitude : magnitude;
  return h === -1n ? -2n : h;
}

const floatView = new DataView(new ArrayBuffer(8));

/** Ports _Py_HashDouble (3.11) for finite floats and infinities; NaN hashes by address (refused). */
export function hashFloat(v: number): bigint {
  if (Number.isNaN(v)) throw new UnstableHash('float nan');
  if (!Number.isFinite(v)) return v > 0 ? HASH_INF : -HASH_INF;
  if (v === 0) return 0n;
  // v = mantissa * 2**exponent exactly; then the rational's residue modulo 2**61 - 1,
  // where 2**61 ≡ 1, so 2**e ≡ 2**(e mod 61) for any (negative too) e.
  floatView.setFloat64(0, v);
  const bits = floatView.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const e = BigInt(((exponent % 61) + 61) % 61);
  let x = (mantissa << e) % MODULUS;
  if (v < 0) x = -x;
  return x === -1n ? -2n : x;
}

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & M64;
}

/** Ports siphash13 of Python/pyhash.c (the "modified" finalisation: v0 ^ v1 ^ v2 ^ v3). */
export function siphash13(k0: bigint, k1: bigint, bytes: Uint8Array): bigint {
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & M64;
    v2 = (v2 + v3) & M64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & M64;
    v0 = (v0 + v3) & M64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  const n = bytes.length;
  const whole = n - (n % 8);
  for (let off = 0; off < whole; off += 8) {
    let m = 0n;
    for (let k = 7; k >= 0; k--) m = (m << 8n) | BigInt(bytes[off + k]);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let t = 0n;
  for (let k = n - 1; k >= whole; k--) t = (t << 8n) | BigInt(bytes[k]);
  const b = ((BigInt(n) << 56n) & M64) | t;
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return (v0 ^ v1) ^ (v2 ^ v3);
}

/** The siphash key under PYTHONHASHSEED=0: the all-zero secret. */
const SECRET_K0 = 0n;
const SECRET_K1 = 0n;

/** The bytes CPython hashes for a str: its PEP 393 storage (1, 2 or 4 bytes per code point). */
function canonicalBytes(s: string): Uint8Array {
  const points = Array.from(s, (c) => c.codePointAt(0)!);
  const widest = points.reduce((m, p) => (p > m ? p : m), 0);
  const kind = widest < 0x100 ? 1 : widest < 0x10000 ? 2 : 4;
  const bytes = new Uint8Array(points.length * kind);
  points.forEach((p, i) => {
    for (let k = 0; k < kind; k++) bytes[i * kind + k] = (p >> (8 * k)) & 0xff;
  });
  return bytes;
}

/** Ports _Py_HashBytes (3.11) under the zero secret: what datetime's generic_hash gives a naive datetime or time (their state bytes). */
export function hashBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const h = signed(siphash13(SECRET_K0, SECRET_K1, bytes));
  return h === -1n ? -2n : h;
}

const strHashes = new Map<string, bigint>();

/** Ports unicode_hash → _Py_HashBytes (3.11): "" → 0, -1 → -2. Cached, as CPython caches it in the object. */
export function hashStr(s: string): bigint {
  const cached = strHashes.get(s);
  if (cached !== undefined) return cached;
  let h = 0n;
  if (s.length > 0) {
    h = signed(siphash13(SECRET_K0, SECRET_K1, canonicalBytes(s)));
    if (h === -1n) h = -2n;
  }
  if (strHashes.size > 100_000) strHashes.clear();
  strHashes.set(s, h);
  return h;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** Ports tuplehash (3.11, the xxHash-based lane mix). */
export function hashTuple(t: PyTuple): bigint {
  let acc = XXPRIME_5;
  for (const item of t.items) {
    const lane = BigInt.asUintN(64, hash(item));
    acc = (acc + lane * XXPRIME_2) & M64;
    acc = rotl(acc, 31n);
    acc = (acc * XXPRIME_1) & M64;
  }
  acc = (acc + (BigInt(t.items.length) ^ (XXPRIME_5 ^ 3527539n))) & M64;
  if (acc === M64) return 1546275796n;
  return signed(acc);
}

/** A value whose 3.11 hash is its address (None, a task...): no order built on it is reproducible. */
export class UnstableHash extends RunTimeRefusal {
  override readonly name = 'UnstableHash';
  constructor(
    readonly what: string,
    why = 'CPython 3.11 hashes it by address: its order in a set is not reproducible',
  ) {
    super(`unsupported hash of ${what} (${why})`);
  }
}

/** Hashes of other kinds (frozenset) are registered by their modules, to keep imports acyclic. */
export interface Hashable {
  pyHash(): bigint;
}

function isHashable(v: object): v is Hashable {
  return typeof (v as Partial<Hashable>).pyHash === 'function';
}

/** `hash(v)`, CPython's value; TypeError for unhashable types, UnstableHash for address-based ones. */
export function hash(v: PyValue): bigint {
  switch (typeof v) {
    case 'bigint':
      return hashInt(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'number':
      return hashFloat(v);
    case 'string':
      return hashStr(v);
  }
  if (v instanceof PyTuple) return hashTuple(v);
  if (v !== null && typeof v === 'object' && isHashable(v)) return v.pyHash();
  if (Array.isArray(v) || isUnhashableContainer(v)) throw new TypeError(`unhashable type: '${typeName(v)}'`);
  throw new UnstableHash(v === null ? 'None' : `a ${typeName(v)} object`);
}

/** Mutable containers (dict, set) mark themselves unhashable. */
function isUnhashableContainer(v: PyValue): boolean {
  return v !== null && typeof v === 'object' && (v as { pyUnhashable?: boolean }).pyUnhashable === true;
}

/** Raise CPython's TypeError if `v` cannot be a dict key or set element (address-hashed values are fine there). */
export function checkHashable(v: PyValue): void {
  if (Array.isArray(v) || isUnhashableContainer(v)) throw new TypeError(`unhashable type: '${typeName(v)}'`);
  if (v instanceof PyTuple) for (const item of v.items) checkHashable(item);
}
