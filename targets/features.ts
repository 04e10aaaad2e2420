/**
 * A target's declared features (lib/adapter.ts `features`) as generator constraints: `check`
 * generates only programs inside them. A feature set to false by the target is never
 * generated; one set to true is merely supported (the generator's default, or the user's
 * `--features`, still decides). Asking for a feature the target says it lacks is bad input.
 */
import type { ProgramConstraints, ProgramFeatures } from '../generators/_internals/constraints.ts';
import { TargetLoadError } from './adapter-process.ts';

export function constraintsWithin(constraints: ProgramConstraints | undefined, features: Partial<ProgramFeatures> | undefined, target: string): ProgramConstraints | undefined {
  const lacking = Object.entries(features ?? {}).filter(([, supported]) => supported === false).map(([name]) => name as keyof ProgramFeatures);
  if (lacking.length === 0) return constraints;
  const asked = lacking.filter((name) => constraints?.features?.[name] === true);
  if (asked.length > 0) {
    throw new TargetLoadError(`target ${target} does not support ${asked.join(', ')} (its features say false), but the constraints ask for ${asked.length > 1 ? 'them' : 'it'}: drop ${asked.map((n) => `+${n}`).join(',')} from --features`);
  }
  const off = Object.fromEntries(lacking.map((name) => [name, false])) as Partial<ProgramFeatures>;
  return { ...constraints, features: { ...constraints?.features, ...off } };
}
