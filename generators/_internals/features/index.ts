/**
 * The feature modules, in the order the skeleton offers them. A new feature (locks, queues,
 * wait_for...) is a module beside these and one line here (see feature.ts).
 */
import type { FeatureModule } from './feature.ts';
import { cancelAwait, selfCancel } from './cancellation.ts';
import { closures } from './closures.ts';
import { containers } from './containers.ts';
import { blockingSleep } from './clock.ts';
import { seededRandom } from './random.ts';
import { callbacks } from './callbacks.ts';
import { classes } from './classes.ts';

export const FEATURE_MODULES: readonly FeatureModule[] = [cancelAwait, selfCancel, closures, containers, blockingSleep, seededRandom, callbacks, classes];

export const featureModule = (feature: string): FeatureModule | undefined => FEATURE_MODULES.find((m) => m.feature === feature);
