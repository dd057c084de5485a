import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { post } from '../support/idempotency-scenarios.js';
import { errorAt, type GraphQLResponse, useSandboxedSubgraph } from '../support/test-stack.js';
import { LOGIN, RECORD_INTERACTION } from '../support/documents.js';

// One process, its memory the store, with room for 1,000 idempotency records; the per-caller login budget out of the
// way, so that every failed login of the flood is counted.
const MAX_KEYS = 1_000;
const stack = useSandboxedSubgraph(() => ({
  env: { STATE_MEMORY_MAX_KEYS: String(MAX_KEYS), LOGIN_MAX_FAILURES_PER_CALLER: String(10 * MAX_KEYS) },
}));
const kognitiv = () => stack.sandboxes.kognitiv!.sandbox;

const interaction = (idempotencyKey: string) => ({ input: { memberId: 'M1001', type: 'CLUB-VISIT', idempotencyKey } });

/** Operations sent 10 to an HTTP request (MAX_BATCH_OPERATIONS), as a router batches them; the answers in order. */
async function batched(operations: { query: string; variables: Record<string, unknown> }[]): Promise<GraphQLResponse[]> {
  const answers: GraphQLResponse[] = [];
  for (let i = 0; i < operations.length; i += 10) {
    const response = await fetch(stack.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(operations.slice(i, i + 10)),
    });
    answers.push(...((await response.json()) as GraphQLResponse[]));
  }
  return answers;
}

describe('idempotency records have their own bound in memory', () => {
  const memberKey = randomUUID();

  it('keeps a member’s stored outcome replayable through a flood of failed logins on made-up accounts', async () => {
    const first = await post(stack.subgraph, RECORD_INTERACTION, interaction(memberKey));

    const logins = await batched(
      Array.from({ length: MAX_KEYS + 100 }, (_, i) => ({ query: LOGIN, variables: { input: { accountId: `X${i}`, password: 'guess' } } })),
    );
    const retry = await post(stack.subgraph, RECORD_INTERACTION, interaction(memberKey));

    expect(first.errors).toBeUndefined();
    expect(logins.every((answer) => errorAt(answer, ['login']).extensions?.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect(retry).toMatchObject({ data: first.data, replayed: 'true' });
    expect(kognitiv().callCount('RecordInteraction')).toBe(1);
  });

  it('refuses new keys once full, with a typed retryable error and no vendor call, and drops no stored outcome', async () => {
    const member = await post(stack.subgraph, RECORD_INTERACTION, interaction(memberKey));
    kognitiv().resetCallCounts();

    const flood = await batched(
      Array.from({ length: MAX_KEYS }, () => ({ query: RECORD_INTERACTION, variables: interaction(randomUUID()) })),
    );
    const written = flood.filter((answer) => answer.errors === undefined).length;
    const refusedInFlood = flood.filter((answer) => answer.errors !== undefined);
    const callsAfterFlood = kognitiv().callCount('RecordInteraction');
    const newKey = await post(stack.subgraph, RECORD_INTERACTION, interaction(randomUUID()));
    const retry = await post(stack.subgraph, RECORD_INTERACTION, interaction(memberKey));

    // The member's record holds one place: the flood fills the rest and is refused past it.
    expect([written, refusedInFlood.length]).toEqual([MAX_KEYS - 1, 1]);
    for (const refused of [...refusedInFlood, newKey])
      expect(errorAt(refused, ['recordInteraction']).extensions).toMatchObject({
        code: 'IDEMPOTENCY_UNAVAILABLE',
        reason: 'STORE_FULL',
        retryable: true,
      });
    expect(callsAfterFlood).toBe(written);
    expect(kognitiv().callCount('RecordInteraction')).toBe(written);
    expect(retry).toMatchObject({ data: member.data, replayed: 'true' });
  });
});
