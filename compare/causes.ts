/**
 * Causes by counterfactual (issue 9 item 4). For a difference on a target with switches (the
 * native profile: native/switches.ts), the program is run again on that target with ONE switch
 * on at a time, each putting one piece of CPython's semantics in place of the target's; the
 * cause is the switch that alone makes the program agree with CPython (the first in
 * NATIVE_SWITCHES order when several do). When none does, the pairs of switches that each
 * changed the trace are tried, and a pair that agrees names a combined cause `a+b`; failing
 * that, a one-minimal set is found by deletion (all switches on, then each turned off again
 * while the program still agrees), and names the cause `a+b+c...`. What no
 * switch explains, and every target without switches, falls back to the rules of buckets.ts.
 *
 * Only the target runs again (the oracle ran once): a difference costs at most
 * n + C(k, 2) + n + 1 native runs, for n switches of which k changed the trace alone.
 */
import type { Budget, ClockModel, Program, RunResult } from '../ir/program.ts';
import { NATIVE_SWITCHES, isNativeSwitch, type NativeSwitch, type NativeSwitches } from '../native/switches.ts';
import { BUCKET_NAMES, classify } from './buckets.ts';
import type { Side } from './sides.ts';
import { compareRuns } from './traces.ts';
import { isFailure, judge, type SideResult } from './verdict.ts';

/** What a target with switches offers: its switches, and a run with some of them on. */
export interface Counterfactual {
  readonly switches: readonly NativeSwitch[];
  run(program: Program, options: { clock: ClockModel; budget: Budget }, switches: NativeSwitches): Promise<SideResult>;
}

type RunOptions = { clock: ClockModel; budget: Budget };

/** Joins the switches of a combined cause (`lazy-task-start+shutdown-cancellation`). */
export const CAUSE_JOINER = '+';

/** Whether `name` names a cause: a switch, or several joined by `+`. */
export function isCauseName(name: string): boolean {
  const parts = name.split(CAUSE_JOINER);
  return parts.every(isNativeSwitch) && new Set(parts).size === parts.length;
}

/** Every name `--ignore-bucket` accepts: a rule's bucket, a switch, or two switches joined by `+`. */
export function isBucketName(name: string): boolean {
  return BUCKET_NAMES.includes(name) || isCauseName(name);
}

/** The title and description of a cause (a combined one joins its switches' own). */
export function causeInfo(name: string): { title: string; description: string } | undefined {
  if (!isCauseName(name)) return undefined;
  const infos = name.split(CAUSE_JOINER).map((part) => NATIVE_SWITCHES.find((s) => s.name === part)!);
  if (infos.length === 1) return { title: infos[0].title, description: infos[0].description };
  const count = ['', '', 'Two', 'Three', 'Four', 'Five'][infos.length] ?? String(infos.length);
  return {
    title: `${count} causes at once: ${infos.map((i) => i.title.charAt(0).toLowerCase() + i.title.slice(1)).join('; and ')}`,
    description: `No smaller set of these switches makes the program agree with CPython; all ${infos.length} together do. ${infos.map((i) => i.description).join(' ')}`,
  };
}

/** Whether a counterfactual run agrees with CPython, as `check` judges agreement. */
function agrees(side: Side, expected: RunResult, run: SideResult): boolean {
  return !isFailure(run) && judge(expected, run, { times: side.comparesTime }).verdict === 'same';
}

/** Whether a counterfactual run prints or ends otherwise than the target's own run. */
function changed(actual: RunResult, run: SideResult): boolean {
  return isFailure(run) || !compareRuns(actual, run, { times: false }).same;
}

/**
 * The cause of one difference by counterfactual, or undefined when the side has no switches
 * or even all of them together do not make the program agree.
 */
export async function causeOf(side: Side, program: Program, expected: RunResult, actual: RunResult, options: RunOptions): Promise<string | undefined> {
  const target = side.counterfactual;
  if (!target) return undefined;
  const changers: NativeSwitch[] = [];
  let found: NativeSwitch | undefined;
  for (const name of target.switches) {
    const run = await target.run(program, options, new Set([name]));
    if (agrees(side, expected, run)) {
      found = name;
      break;
    }
    if (changed(actual, run)) changers.push(name);
  }
  if (found) return found;
  // Pairs of switches that each changed the trace.
  for (let i = 0; i < changers.length; i++) {
    for (let j = i + 1; j < changers.length; j++) {
      const run = await target.run(program, options, new Set([changers[i], changers[j]]));
      if (agrees(side, expected, run)) return `${changers[i]}${CAUSE_JOINER}${changers[j]}`;
    }
  }
  // Otherwise a minimal set: every switch on, then each switch off again (the least preferred
  // first) while the program still agrees without it, pass after pass until a whole pass leaves
  // every switch on (delta debugging's one-minimal set: switches interact, so one that was needed
  // may become removable once a later one is gone).
  const on = new Set<NativeSwitch>(target.switches);
  if (!agrees(side, expected, await target.run(program, options, on))) return undefined;
  for (let removed = true; removed; ) {
    removed = false;
    for (const name of [...target.switches].reverse().filter((n) => on.has(n))) {
      on.delete(name);
      if (agrees(side, expected, await target.run(program, options, on))) removed = true;
      else on.add(name);
    }
  }
  return target.switches.filter((name) => on.has(name)).join(CAUSE_JOINER);
}

/** The bucket of a difference: its counterfactual cause, else the first rule of buckets.ts that matches. */
export async function bucketOf(side: Side, program: Program, expected: RunResult, actual: RunResult, options: RunOptions): Promise<string> {
  if (actual.outcome.kind !== 'crash') {
    const cause = await causeOf(side, program, expected, actual, options);
    if (cause) return cause;
  }
  return classify(program, expected, actual);
}

/**
 * Whether a shrink candidate still falls in `bucket`, checked cheaply for a cause: its own
 * switches make it agree, and for a combined cause none of them can be left out. (A candidate
 * that an earlier switch would also explain is kept: the example still shows the cause.)
 * Rule buckets take the full path.
 */
export async function stillInBucket(side: Side, bucket: string, program: Program, expected: RunResult, actual: RunResult, options: RunOptions): Promise<boolean> {
  const target = side.counterfactual;
  if (!target || !isCauseName(bucket)) return (await bucketOf(side, program, expected, actual, options)) === bucket;
  const parts = bucket.split(CAUSE_JOINER) as NativeSwitch[];
  if (!agrees(side, expected, await target.run(program, options, new Set(parts)))) return false;
  // One-minimal: without any one of its switches, the program no longer agrees.
  for (const left of parts.length > 1 ? parts : []) {
    if (agrees(side, expected, await target.run(program, options, new Set(parts.filter((p) => p !== left))))) return false;
  }
  return true;
}
