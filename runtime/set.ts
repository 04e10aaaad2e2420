/**
 * `set` and `frozenset` with CPython 3.11's hash table, so that iteration order, repr and
 * `pop()` come out as CPython's: Objects/setobject.c ported (PySet_MINSIZE 8,
 * LINEAR_PROBES 9, PERTURB_SHIFT 5, `fill`/`used`, dummy entries after a removal, the
 * resize rules of set_add_entry, set_table_resize, set_merge, set_difference_update...).
 *
 * Hand-written, not a library: the order a set iterates in is its table's slot order, which
 * only a bit-for-bit port of the table reproduces (hashes from hash.ts).
 *
 * The native profile's sets (`InsertionOrderedSet`) keep the same table for membership but
 * iterate in insertion order, as a JS `Set` does.
 */
import { AttributeError, KeyError, RuntimeError, TypeError } from './exceptions.ts';
import { UnstableHash, checkHashable, hash } from './hash.ts';
import { eq } from './ops.ts';
import { iter } from './sequences.ts';
import type { PyValue } from './values.ts';

const MINSIZE = 8;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const M64 = (1n << 64n) - 1n;

/** A never-used slot (key NULL) and a slot whose key was removed (`dummy`, hash -1). */
const EMPTY: unique symbol = Symbol('NULL');
const DUMMY: unique symbol = Symbol('dummy');
type Slot = PyValue | typeof EMPTY | typeof DUMMY;

/** Why a set of address-hashed elements is not iterated, and what to write instead. */
const ADDRESS_ORDER = 'CPython 3.11 hashes it by address, so the set\'s order differs from run to run; keep the tasks in a list to iterate or print them';

/** Addresses stand in for the hash of None and other objects hashed by `id()` in 3.11: membership works, order is refused. */
const addressHashes = new WeakMap<object, bigint>();
let nextAddressHash = 0x1000n;
const NONE_HASH = 0x0ffen;

/** set_add_entry (3.11) reuses the LAST dummy slot its probe met (measured against CPython 3.11.7; older versions kept the first). */
const FIRST_FREESLOT = false;

export class PySet implements Iterable<PyValue> {
  /** `set` or `frozenset`. */
  readonly frozen: boolean;
  /** Dict keys and sets refuse it (set_hash / PyObject_HashNotImplemented). */
  get pyUnhashable(): boolean {
    return !this.frozen;
  }
  protected keys: Slot[] = new Array<Slot>(MINSIZE).fill(EMPTY);
  protected hashes: bigint[] = new Array<bigint>(MINSIZE).fill(0n);
  protected mask = MINSIZE - 1;
  protected fill = 0;
  used = 0;
  private finger = 0;
  /** How many elements hash by address (None, objects): iterating such a set is refused. */
  protected unstable = 0;
  private cachedHash: bigint | undefined;

  constructor(frozen = false) {
    this.frozen = frozen;
  }

  get __pyTypeName__(): string {
    return this.frozen ? 'frozenset' : 'set';
  }

  /** An empty set of this set's kind (CPython's make_new_set_basetype keeps the type). */
  emptyLike(frozen: boolean = this.frozen): PySet {
    return new (this.constructor as new (frozen: boolean) => PySet)(frozen);
  }

  // ------------------------------------------------------------------ the table

  private hashOf(key: PyValue): bigint {
    checkHashable(key);
    try {
      return hash(key);
    } catch (e) {
      if (!(e instanceof UnstableHash)) throw e;
      this.unstable++;
      if (key === null) return NONE_HASH;
      let h = addressHashes.get(key as object);
      if (h === undefined) {
        h = nextAddressHash;
        nextAddressHash += 0x10n;
        addressHashes.set(key as object, h);
      }
      return h;
    }
  }

  private matches(slot: Slot, key: PyValue): boolean {
    if (slot === key) return true;
    return typeof slot === 'string' && typeof key === 'string' ? false : eq(slot as PyValue, key);
  }

  /** Ports set_add_entry (3.11). */
  protected addEntry(key: PyValue, h: bigint): void {
    const mask = this.mask;
    let i = Number(BigInt.asUintN(64, h) & BigInt(mask));
    let perturb = BigInt.asUintN(64, h);
    let freeslot = -1;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const slot = this.keys[j];
        if (slot === EMPTY) {
          if (freeslot >= 0) {
            this.used++;
            this.keys[freeslot] = key;
            this.hashes[freeslot] = h;
            this.inserted(key);
            return;
          }
          this.fill++;
          this.used++;
          this.keys[j] = key;
          this.hashes[j] = h;
          this.inserted(key);
          if (this.fill * 5 < mask * 3) return;
          this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return;
        }
        if (slot === DUMMY) {
          if (!FIRST_FREESLOT || freeslot < 0) freeslot = j;
        } else if (this.hashes[j] === h && this.matches(slot, key)) {
          return;
        }
        j++;
      } while (probes-- > 0);
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  }

  /** Ports set_lookkey (3.11): the slot holding `key`, or -1. */
  protected lookup(key: PyValue, h: bigint): number {
    const mask = this.mask;
    let i = Number(BigInt.asUintN(64, h) & BigInt(mask));
    let perturb = BigInt.asUintN(64, h);
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const slot = this.keys[j];
        if (slot === EMPTY) return -1;
        if (slot !== DUMMY && this.hashes[j] === h && this.matches(slot, key)) return j;
        j++;
      } while (probes-- > 0);
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  }

  /** Ports set_insert_clean (3.11). */
  private insertClean(keys: Slot[], hashes: bigint[], mask: number, key: PyValue, h: bigint): void {
    let perturb = BigInt.asUintN(64, h);
    let i = Number(perturb & BigInt(mask));
    for (;;) {
      if (keys[i] === EMPTY) {
        keys[i] = key;
        hashes[i] = h;
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (keys[i + j] === EMPTY) {
            keys[i + j] = key;
            hashes[i + j] = h;
            return;
          }
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
    }
  }

  /** Ports set_table_resize (3.11). */
  protected resize(minused: number): void {
    let newsize = MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    if (newsize === MINSIZE && this.mask === MINSIZE - 1 && this.fill === this.used) return;
    const oldKeys = this.keys;
    const oldHashes = this.hashes;
    this.keys = new Array<Slot>(newsize).fill(EMPTY);
    this.hashes = new Array<bigint>(newsize).fill(0n);
    this.mask = newsize - 1;
    this.fill = this.used;
    for (let k = 0; k < oldKeys.length; k++) {
      const slot = oldKeys[k];
      if (slot !== EMPTY && slot !== DUMMY) this.insertClean(this.keys, this.hashes, this.mask, slot, oldHashes[k]);
    }
  }

  /** Ports set_discard_entry: true when found. Never resizes. */
  protected discardEntry(key: PyValue, h: bigint): boolean {
    const j = this.lookup(key, h);
    if (j < 0) return false;
    this.removed(this.keys[j] as PyValue);
    this.keys[j] = DUMMY;
    this.hashes[j] = -1n;
    this.used--;
    return true;
  }

  /** Hooks for the insertion-ordered variant. */
  protected inserted(_key: PyValue): void {}
  protected removed(_key: PyValue): void {}
  protected cleared(): void {}

  /** Ports set_clear_internal: back to the empty small table. */
  protected clearInternal(): void {
    this.keys = new Array<Slot>(MINSIZE).fill(EMPTY);
    this.hashes = new Array<bigint>(MINSIZE).fill(0n);
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
    this.unstable = 0;
    this.cleared();
  }

  /** The active entries in slot order (set_next), as [key, hash]. */
  protected *entries(): Generator<[PyValue, bigint]> {
    for (let k = 0; k <= this.mask; k++) {
      const slot = this.keys[k];
      if (slot !== EMPTY && slot !== DUMMY) yield [slot, this.hashes[k]];
    }
  }

  /** The elements in table order, for callers whose result does not depend on it (asyncio.wait's futures: runtime/asyncio-api.ts). */
  unorderedElements(): PyValue[] {
    return [...this.entries()].map(([key]) => key);
  }

  /** Whether iteration follows the table (CPython's order); the native profile's set follows insertion instead. */
  protected ordersByTable(): boolean {
    return true;
  }

  /** The elements, refusing an order that rests on addresses. */
  private *orderedEntries(): Generator<[PyValue, bigint]> {
    // One element has one order: `done` of `asyncio.wait(..., return_when=FIRST_COMPLETED)` (runtime/asyncio-api.ts).
    if (this.unstable > 0 && this.used > 1 && this.ordersByTable()) throw new UnstableHash('None or an object (a task) in a set that is iterated', ADDRESS_ORDER);
    yield* this.entries();
  }

  // ------------------------------------------------------------------ updates

  /** `set_add_key`. */
  addKey(key: PyValue): void {
    this.addEntry(key, this.hashOf(key));
  }

  has(key: PyValue): boolean {
    return this.lookup(key, this.hashOf(key)) >= 0;
  }

  /** Ports set_merge (3.11): `other` is a set or frozenset. */
  protected merge(other: PySet): void {
    if (other === this || other.used === 0) return;
    this.unstable += other.unstable;
    if ((this.fill + other.used) * 5 >= this.mask * 3) this.resize((this.used + other.used) * 2);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used && this.sameLayout()) {
      for (let k = 0; k <= other.mask; k++) {
        const slot = other.keys[k];
        if (slot !== EMPTY) {
          this.keys[k] = slot;
          this.hashes[k] = other.hashes[k];
          this.inserted(slot as PyValue);
        }
      }
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    if (this.fill === 0 && this.sameLayout()) {
      this.fill = other.used;
      this.used = other.used;
      for (const [key, h] of other.entries()) {
        this.insertClean(this.keys, this.hashes, this.mask, key, h);
        this.inserted(key);
      }
      return;
    }
    for (const [key, h] of other.entries()) this.addEntry(key, h);
  }

  /** Whether the fast paths of set_merge keep this variant's order (the table's own order: yes). */
  protected sameLayout(): boolean {
    return true;
  }

  /** Ports set_update_internal (3.11). */
  updateFrom(other: PyValue): void {
    if (other instanceof PySet) return this.merge(other);
    const dictKeys = dictKeysOf(other);
    if (dictKeys !== undefined) {
      if ((this.fill + dictKeys.length) * 5 >= this.mask * 3) this.resize((this.used + dictKeys.length) * 2);
      for (const key of dictKeys) this.addKey(key);
      return;
    }
    for (const key of iter(other)) this.addKey(key);
  }

  /** Ports set_difference_update_internal (3.11). */
  differenceUpdate(other: PyValue): void {
    if (other === this) return this.clearInternal();
    if (other instanceof PySet) {
      const source = other.used >> 3 > this.used ? intersection(this, other) : other;
      for (const [key, h] of source.entries()) this.discardEntry(key, h);
    } else {
      for (const key of iter(other)) this.discardEntry(key, this.hashOf(key));
    }
    if (this.fill - this.used <= this.mask >> 2) return;
    this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
  }

  /** Ports set_symmetric_difference_update (3.11). */
  symmetricDifferenceUpdate(other: PyValue): void {
    if (other === this) return this.clearInternal();
    let otherset: PySet;
    if (other instanceof PySet) otherset = other;
    else {
      otherset = this.emptyLike(false);
      otherset.updateFrom(other);
    }
    for (const [key, h] of otherset.entries()) {
      if (!this.discardEntry(key, h)) this.addEntry(key, h);
    }
  }

  // ------------------------------------------------------------------ Python methods

  /** Ports set_pop (3.11). */
  pop(): PyValue {
    if (this.used === 0) throw new KeyError('pop from an empty set');
    if (this.unstable > 0) throw new UnstableHash('None or an object (a task) in a set that is popped', ADDRESS_ORDER);
    let k = this.popIndex(this.finger & this.mask);
    const key = this.keys[k] as PyValue;
    this.removed(key);
    this.keys[k] = DUMMY;
    this.hashes[k] = -1n;
    this.used--;
    this.finger = k + 1;
    return key;
  }

  /** The slot set_pop takes, searching from `start`. */
  protected popIndex(start: number): number {
    let k = start;
    while (this.keys[k] === EMPTY || this.keys[k] === DUMMY) {
      k++;
      if (k > this.mask) k = 0;
    }
    return k;
  }

  /** The elements in CPython's iteration order. */
  *[Symbol.iterator](): Iterator<PyValue> {
    const used = this.used;
    for (const [key] of this.orderedEntries()) {
      if (this.used !== used) throw new RuntimeError('Set changed size during iteration');
      yield key;
    }
    if (this.used !== used) throw new RuntimeError('Set changed size during iteration');
  }

  get size(): number {
    return this.used;
  }

  /** Ports frozenset_hash (3.11). */
  pyHash(): bigint {
    if (!this.frozen) throw new TypeError("unhashable type: 'set'");
    if (this.cachedHash !== undefined) return this.cachedHash;
    const shuffle = (h: bigint): bigint => (((h ^ 89869747n) ^ ((h << 16n) & M64)) * 3644798167n) & M64;
    let h = 0n;
    for (let k = 0; k <= this.mask; k++) {
      const slot = this.keys[k];
      h ^= shuffle(BigInt.asUintN(64, slot === EMPTY ? 0n : this.hashes[k]));
    }
    if (((this.mask + 1 - this.fill) & 1) === 1) h ^= shuffle(0n);
    if (((this.fill - this.used) & 1) === 1) h ^= shuffle(M64);
    h ^= ((BigInt(this.used) + 1n) * 1927868237n) & M64;
    h ^= (h >> 11n) ^ (h >> 25n);
    h = (h * 69069n + 907133923n) & M64;
    if (h === M64) h = 590923713n;
    this.cachedHash = BigInt.asIntN(64, h);
    return this.cachedHash;
  }

  /** `repr(s)`: `{1, 2}`, `set()`, `frozenset({1, 2})`, `frozenset()`. */
  pyRepr(seen: Set<object>, itemRepr: (item: unknown, seen: Set<object>) => string): string {
    const name = this.frozen ? 'frozenset' : 'set';
    if (this.used === 0) return `${name}()`;
    if (seen.has(this)) return `${name}(...)`;
    seen.add(this);
    try {
      const body = `{${[...this].map((item) => itemRepr(item, seen)).join(', ')}}`;
      return this.frozen ? `frozenset(${body})` : body;
    } finally {
      seen.delete(this);
    }
  }

  /** Mutators refuse a frozenset (it has no such attribute). */
  mutable(method: string): void {
    if (this.frozen) throw new AttributeError(`'frozenset' object has no attribute '${method}'`);
  }

  /** `s.remove(x)`: KeyError with the key itself. */
  remove(key: PyValue): void {
    if (!this.discardEntry(key, this.hashOf(key))) throw keyErrorOf(key);
  }

  discard(key: PyValue): void {
    this.discardEntry(key, this.hashOf(key));
  }

  clear(): void {
    this.clearInternal();
  }

  copyAs(frozen: boolean): PySet {
    const result = this.emptyLike(frozen);
    result.merge(this);
    return result;
  }
}

/** hash(key), or the stand-in address hash the table gave a key CPython hashes by id(). */
function entryHash(key: PyValue): bigint {
  try {
    return hash(key);
  } catch (e) {
    if (!(e instanceof UnstableHash)) throw e;
    return key === null ? NONE_HASH : (addressHashes.get(key as object) ?? NONE_HASH);
  }
}

/** The native profile's set: the same table (membership, errors) iterated in insertion order, as a JS `Set`. */
export class InsertionOrderedSet extends PySet {
  private order: PyValue[] = [];
  protected override inserted(key: PyValue): void {
    this.order.push(key);
  }
  protected override removed(key: PyValue): void {
    const k = this.order.indexOf(key);
    if (k >= 0) this.order.splice(k, 1);
  }
  protected override cleared(): void {
    this.order = [];
  }
  protected override *entries(): Generator<[PyValue, bigint]> {
    for (const key of [...this.order]) yield [key, entryHash(key)];
  }
  protected override ordersByTable(): boolean {
    return false; // insertion order is known even for keys hashed by address (a set of promises)
  }
  protected override sameLayout(): boolean {
    return false;
  }
  override pop(): PyValue {
    if (this.used === 0) throw new KeyError('pop from an empty set');
    const key = this.order[0];
    this.discardEntry(key, entryHash(key));
    return key;
  }
}

// ---------------------------------------------------------------------- operations

/** `KeyError(key)`: its str is the key's repr (dict.ts provides it). */
let keyErrorOf: (key: PyValue) => Error = (key) => new KeyError(key);
export function setKeyErrorFactory(f: (key: PyValue) => Error): void {
  keyErrorOf = f;
}

/** Dict keys in order, for set_update_internal's dict branch (dict.ts registers it). */
let dictKeysOf: (v: PyValue) => PyValue[] | undefined = () => undefined;
export function setDictKeysReader(f: (v: PyValue) => PyValue[] | undefined): void {
  dictKeysOf = f;
}

/** Ports set_intersection (3.11). */
export function intersection(so: PySet, other: PyValue): PySet {
  if (other === so) return so.copyAs(so.frozen);
  const result = so.emptyLike();
  if (other instanceof PySet) {
    let [big, small] = [so, other];
    if (other.used > so.used) [big, small] = [other, so];
    for (const key of entriesOf(small)) if (big.has(key)) result.addKey(key);
    return result;
  }
  for (const key of iter(other)) if (so.has(key)) result.addKey(key);
  return result;
}

function entriesOf(s: PySet): PyValue[] {
  return [...(s as unknown as { entries(): Iterable<[PyValue, bigint]> }).entries()].map(([k]) => k);
}

/** Ports set_difference (3.11). */
export function difference(so: PySet, other: PyValue): PySet {
  const otherSize = other instanceof PySet ? other.used : dictKeysOf(other)?.length;
  if (otherSize === undefined || so.used >> 2 > otherSize) {
    const result = so.copyAs(so.frozen);
    result.differenceUpdate(other);
    return result;
  }
  const result = so.emptyLike();
  const contains = other instanceof PySet ? (k: PyValue) => other.has(k) : (k: PyValue) => dictKeysOf(other)!.some((x) => x === k || eq(x, k));
  for (const key of entriesOf(so)) if (!contains(key)) result.addKey(key);
  return result;
}

/** Ports set_symmetric_difference (3.11). */
export function symmetricDifference(so: PySet, other: PyValue): PySet {
  const otherset = so.emptyLike();
  otherset.updateFrom(other);
  otherset.symmetricDifferenceUpdate(so);
  return otherset;
}

/** Ports set_union (3.11): a copy of `so`, updated with each other. */
export function union(so: PySet, others: PyValue[]): PySet {
  const result = so.copyAs(so.frozen);
  for (const other of others) if (other !== so) result.updateFrom(other);
  return result;
}

/** Ports set_issubset (3.11). */
export function issubset(so: PySet, other: PyValue): boolean {
  if (!(other instanceof PySet)) {
    const tmp = so.emptyLike(false);
    tmp.updateFrom(other);
    other = tmp;
  }
  const o = other as PySet;
  if (so.used > o.used) return false;
  return entriesOf(so).every((k) => o.has(k));
}

/** Ports set_issuperset (3.11). */
export function issuperset(so: PySet, other: PyValue): boolean {
  if (other instanceof PySet) return issubset(other, so);
  for (const key of iter(other)) if (!so.has(key)) return false;
  return true;
}

/** Ports set_isdisjoint (3.11). */
export function isdisjoint(so: PySet, other: PyValue): boolean {
  for (const key of other instanceof PySet ? entriesOf(other) : iter(other)) if (so.has(key)) return false;
  return true;
}

/** `==` between two sets (set_richcompare Py_EQ). */
export function setEq(a: PySet, b: PySet): boolean {
  if (a.used !== b.used) return false;
  if (a.frozen && b.frozen && a.pyHash() !== b.pyHash()) return false;
  return issubset(a, b);
}

/** `<`, `<=`, `>`, `>=` between two sets (set_richcompare). */
export function setOrder(a: PySet, b: PySet, op: '<' | '<=' | '>' | '>='): boolean {
  switch (op) {
    case '<=':
      return issubset(a, b);
    case '>=':
      return issubset(b, a);
    case '<':
      return a.used < b.used && issubset(a, b);
    case '>':
      return a.used > b.used && issubset(b, a);
  }
}

/** The binary operators `| & - ^` on two sets (set_or, set_and, set_sub, set_xor); the left operand's type wins. */
export function setBinOp(op: string, a: PySet, b: PySet): PySet {
  switch (op) {
    case '|':
      return union(a, [b]);
    case '&':
      return intersection(a, b);
    case '-':
      return difference(a, b);
    default:
      return symmetricDifference(a, b);
  }
}

/** `a op= b` on a set: in place (set_ior, set_iand, set_isub, set_ixor); frozensets rebind. */
export function setInPlace(op: string, a: PySet, b: PySet): PySet {
  if (a.frozen) return setBinOp(op, a, b);
  switch (op) {
    case '|':
      a.updateFrom(b);
      return a;
    case '&': {
      const r = intersection(a, b);
      replaceContents(a, r);
      return a;
    }
    case '-':
      a.differenceUpdate(b);
      return a;
    default:
      a.symmetricDifferenceUpdate(b);
      return a;
  }
}

/** Ports set_swap_bodies as set_intersection_update uses it. */
function replaceContents(target: PySet, source: PySet): void {
  const t = target as unknown as Record<string, unknown>;
  const s = source as unknown as Record<string, unknown>;
  for (const field of ['keys', 'hashes', 'mask', 'fill', 'used', 'unstable', 'order']) {
    if (field in s) t[field] = s[field];
  }
}

/** Ports set_intersection_update_multi. */
export function intersectionUpdate(a: PySet, others: PyValue[]): void {
  let r = others.length === 0 ? a.copyAs(a.frozen) : a;
  for (const other of others) r = intersection(r, other);
  replaceContents(a, r);
}

export function isSet(v: unknown): v is PySet {
  return v instanceof PySet;
}
