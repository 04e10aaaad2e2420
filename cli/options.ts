/** Parsers for the options several commands share; each names the flag and how to fix it. */
import { InvalidArgumentError } from 'commander';
import type { ClockModel } from '../ir/program.ts';
import type { Shard } from '../compare/shard.ts';

export function parseClock(value: string): ClockModel {
  if (value === 'realistic' || value === 'ideal') return value;
  throw new InvalidArgumentError(`expected "realistic" or "ideal", got "${value}"`);
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`expected a whole number >= 0, got "${value}"`);
  }
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}"`);
  return n;
}

/** fast-check seeds are 32-bit signed integers. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < -(2 ** 31) || n >= 2 ** 32) {
    throw new InvalidArgumentError(`expected an integer seed (32 bits), got "${value}"`);
  }
  return n | 0;
}


/** `i/n` with 1 <= i <= n. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`expected i/n with 1 <= i <= n (e.g. 2/4), got "${value}"`);
  }
  return { index, count };
}

/** A seed for runs that did not name one; printed, so the run can be repeated. */
export function randomSeed(): number {
  return (Math.random() * 2 ** 31) | 0;
}

/** A fast-check path: the run index, then shrink steps (`17` or `17:3:0`). */
export function parsePath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) throw new InvalidArgumentError(`expected a fast-check path such as 17 or 17:3:0, got "${value}"`);
  return value;
}
