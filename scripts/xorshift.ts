/**
 * xorshift64*: reproducible uniform 64-bit words for the measuring scripts (measure-pow.ts,
 * measure-libm.ts): the same seed draws the same arguments on every machine.
 */
export function xorshift(seed: bigint): { nextWord: () => bigint; unit: () => number; between: (lo: number, hi: number) => number } {
  let state = seed | 1n;
  const nextWord = (): bigint => {
    state ^= state >> 12n;
    state ^= (state << 25n) & 0xffffffffffffffffn;
    state ^= state >> 27n;
    return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
  const unit = (): number => Number(nextWord() >> 11n) / 2 ** 53;
  return { nextWord, unit, between: (lo, hi) => lo + (hi - lo) * unit() };
}
