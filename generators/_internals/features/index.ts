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
import { asyncGenerators } from './asyncgen.ts';
import { contextManagers } from './managers.ts';
import { syncPrimitives } from './sync.ts';
import { queues } from './queues.ts';
import { taskGroups } from './taskgroups.ts';
import { timeouts } from './timeouts.ts';
import { uncancelTimeouts } from './uncancel.ts';
import { callbacks } from './callbacks.ts';
import { classes } from './classes.ts';

export const FEATURE_MODULES: readonly FeatureModule[] = [cancelAwait, selfCancel, closures, containers, blockingSleep, seededRandom, asyncGenerators, contextManagers, syncPrimitives, queues, timeouts, taskGroups, uncancelTimeouts, callbacks, classes];

export const featureModule = (feature: string): FeatureModule | undefined => FEATURE_MODULES.find((m) => m.feature === feature);
