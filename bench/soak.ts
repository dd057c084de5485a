import { redisServerAvailable } from './redis-server.js';
import { runSoak, SOAK_TEST_OPTIONS, type SoakResult } from './idempotency-soak.js';
import { countsTable } from './soak-tally.js';

/**
 * `npm run bench:soak`: the soak of test/state/idempotency-soak.test.ts, longer (SOAK_SECONDS, default 20, with
 * SOAK_CLIENTS, default 8), in three scenarios: Redis keeping its data across the restart (the test's), Redis losing
 * it, and Redis keeping it with its writes also paused for 1.2 s (issue 17's poisoned claim). Prints the counts and
 * the first violations found. Figures for docs/benchmarks.md; the test is what asserts.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 8);
const SCENARIOS = [
  { redisData: 'persisted', redisWritePauseMs: 0 },
  { redisData: 'lost', redisWritePauseMs: 0 },
  { redisData: 'persisted', redisWritePauseMs: 1_200 },
] as const;

if (!redisServerAvailable()) process.exit(1);

function report(result: SoakResult): string {
  const { options, faults } = result;
  const lines = [
    `### Redis data ${options.redisData} across the restart${options.redisWritePauseMs > 0 ? `, writes paused ${options.redisWritePauseMs} ms` : ''}`,
    '',
    `${options.clients} clients, ${options.seconds} s of new actions (${result.wallSeconds} s in all), vendor latency ${options.vendorLatencyMs} ms, ` +
      `REQUEST_DEADLINE_MS ${options.requestDeadlineMs}, client gives up after ${options.client.giveUpMs / 1000} s. ` +
      `Replica killed at ${faults.replicaKilledAt} s (replacement ready at ${faults.replacementReadyAt} s); ` +
      `Redis killed at ${faults.redisKilledAt} s, back at ${faults.redisBackAt} s` +
      (faults.redisWritesPausedAt === undefined ? '.' : `; Redis writes paused at ${faults.redisWritesPausedAt} s.`),
    '',
    countsTable(result.counts),
  ];
  for (const [name, found] of Object.entries(result.violations) as [string, string[]][])
    if (found.length > 0) lines.push('', `${name}: ${found.length}`, ...found.slice(0, 10).map((line) => `- ${line}`));
  return lines.join('\n');
}

for (const scenario of SCENARIOS) {
  const result = await runSoak({
    ...SOAK_TEST_OPTIONS,
    ...scenario,
    seconds: SECONDS,
    clients: CLIENTS,
    log: (line) => console.error(line),
  });
  console.log(`${report(result)}\n`);
}
