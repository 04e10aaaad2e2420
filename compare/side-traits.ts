/**
 * What the built-in sides are, apart from the code that runs them (compare/sides.ts): light
 * enough for a command that runs them in a child process (targets/index.ts), whose own
 * process then never loads the port or the transpiler.
 */
import type { Side, SideName } from './sides.ts';

export const LOCAL_SIDE_TRAITS = {
  port: { name: 'port', comparesTime: true },
  native: {
    name: 'native',
    comparesTime: false,
    // Self-cancellation and uncancel() need asyncio.current_task, which plain promises have no counterpart for.
    features: { selfCancel: false, uncancel: false },
  },
} as const satisfies Record<SideName, Pick<Side, 'name' | 'comparesTime' | 'features'> & { name: SideName }>;
