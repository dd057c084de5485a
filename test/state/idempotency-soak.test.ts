import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_MAIN, runSoak, SOAK_TEST_OPTIONS, type SoakOptions, type SoakResult } from '../../bench/idempotency-soak.js';
import { redisServerAvailable } from '../../bench/redis-server.js';
import { countsTable } from '../../bench/soak-tally.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function soak(changes: Partial<SoakOptions> = {}): Promise<SoakResult> {
  const result = await runSoak({ ...SOAK_TEST_OPTIONS, ...changes, log: (line) => console.log(`soak: ${line}`) });
  console.log(`soak (${result.wallSeconds} s, Redis data ${result.options.redisData}):\n${countsTable(result.counts)}`);
  // The run did what it is for: load on both sides of each fault, and writes the harness could attribute.
  expect(result.counts.successes).toBeGreaterThan(100);
  expect(result.counts.refusals.IDEMPOTENCY_UNAVAILABLE).toBeGreaterThan(0);
  expect(result.counts.unattributedWrites).toBe(0);
  return result;
}

/** The promises of README "Idempotency keys", checked key by key against what the vendors received. */
function expectPromisesKept({ violations }: SoakResult): void {
  expect(violations.successNotExactlyOnce).toEqual([]);
  expect(violations.duplicates).toEqual([]);
  expect(violations.untypedRetryAnswers).toEqual([]);
  expect(violations.unknownNeverSent).toEqual([]);
}

describe.runIf(redisServerAvailable())('keyed mutations from well-behaved clients on two replicas sharing one Redis', () => {
  beforeAll(() => {
    // The replicas are the built process, as production runs it (CI builds first; `npm run build` after changing src/).
    if (!existsSync(BUILT_MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }, 120_000);

  it('through a replica SIGKILL and a Redis restart (data kept): each success written once, retries replayed or refused typed, no unsent write called unknown', async () => {
    expectPromisesKept(await soak());
  }, 60_000);

  it('the same with Redis writes also paused past STATE_STORE_TIMEOUT_MS: a timed-out claim never turns into an answer later', async () => {
    expectPromisesKept(await soak({ redisWritePauseMs: 1_200 }));
  }, 60_000);
});
