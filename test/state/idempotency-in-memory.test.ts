import { describe } from 'vitest';
import { idempotencyScenarios, SCENARIO_SETTINGS } from '../support/idempotency-scenarios.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

// One process: its memory is the store, and "both replicas" are the same one.
describe('idempotency keys and the login throttle, state in memory', () => {
  const stack = useSandboxedSubgraph(() => SCENARIO_SETTINGS);
  idempotencyScenarios(() => ({ a: stack.subgraph, b: stack.subgraph, sandboxes: stack.sandboxes }));
});
