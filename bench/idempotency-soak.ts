import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { startSandboxVendors } from '../src/sandbox/start-sandbox-vendors.js';
import { startChildOnPort, waitUntilReady, type ChildServer } from './processes.js';
import { startRedisServer } from './redis-server.js';
import { clientLoop, type ClientPolicy, type SoakAction } from './soak-client.js';
import { tally, type SoakCounts, type SoakViolations } from './soak-tally.js';
import { VendorWriteLog } from './soak-vendor-writes.js';
import { subgraphEnvFor } from './subgraph-env.js';

/** The built subgraph, as production runs it: beside this file once built (`dist/bench/`), under `dist/` from the source. */
export const BUILT_MAIN = fileURLToPath(
  new URL(import.meta.url.includes('/dist/bench/') ? '../src/main.js' : '../dist/src/main.js', import.meta.url),
);

export interface SoakOptions {
  /** How long clients start new actions; those under way then run to their end. */
  seconds: number;
  /** Concurrent client loops. */
  clients: number;
  /** `persisted`: Redis keeps an append-only file and reads it back on restart; `lost`: the restart empties it. */
  redisData: 'persisted' | 'lost';
  /** Added to every sandbox answer, so that writes are in flight when the faults strike. */
  vendorLatencyMs: number;
  /**
   * When above 0, Redis also stops answering writes for this long (`CLIENT PAUSE <ms> WRITE`) at 80% of the run: longer
   * than STATE_STORE_TIMEOUT_MS (500 ms), so store calls time out while the writes they sent are still to land.
   */
  redisWritePauseMs: number;
  /** The replicas' REQUEST_DEADLINE_MS: how long a key's first request may run, and so how soon an orphaned one is judged. */
  requestDeadlineMs: number;
  client: ClientPolicy;
  /** Progress lines (faults as they happen). */
  log?: (line: string) => void;
}

/** Bounded for a test on two shared cores: a few hundred actions, about 25 s in all. */
export const SOAK_TEST_OPTIONS: SoakOptions = {
  seconds: 10,
  clients: 6,
  redisData: 'persisted',
  redisWritePauseMs: 0,
  vendorLatencyMs: 40,
  requestDeadlineMs: 2_000,
  // The key of a request lost with its replica is judged orphaned after its deadline plus the subgraph's 5 s of clock
  // slack; a client gives up a little after that.
  client: { giveUpMs: 9_000, retryDelayMs: 100, attemptTimeoutMs: 4_000, thinkMs: 10 },
};

export interface SoakFaults {
  /** Seconds into the run when the replica was killed, and when its replacement was ready. */
  replicaKilledAt: number;
  replacementReadyAt: number;
  /** Seconds into the run when Redis was killed, and when it accepted connections again. */
  redisKilledAt: number;
  redisBackAt: number;
  /** Seconds into the run when Redis writes were paused (`redisWritePauseMs`), if they were. */
  redisWritesPausedAt?: number;
}

export interface SoakResult {
  options: SoakOptions;
  counts: SoakCounts;
  violations: SoakViolations;
  faults: SoakFaults;
  /** Wall time of the whole run, start-up and wind-down included, in seconds. */
  wallSeconds: number;
}

async function pauseWrites(url: string, ms: number): Promise<void> {
  const admin = createClient({ url });
  await admin.connect();
  try {
    await admin.sendCommand(['CLIENT', 'PAUSE', String(ms), 'WRITE']);
  } finally {
    admin.destroy();
  }
}

/**
 * Two replicas of the built subgraph on one real redis-server, under a keyed-mutation load from well-behaved clients,
 * while one replica is killed with SIGKILL (and replaced on another port, as an orchestrator does) and Redis is
 * killed and started again on its port. Returns what the clients saw beside what the vendors received.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const began = Date.now();
  const since = () => Number(((Date.now() - runStart) / 1000).toFixed(1));
  let runStart = began;
  const aofDir = options.redisData === 'persisted' ? mkdtempSync(join(tmpdir(), 'soak-redis-')) : undefined;
  const redis = await startRedisServer({ appendOnlyDir: aofDir });
  const sandboxes = await startSandboxVendors({ kognitiv: true, debitsuccess: true }, { latencyMs: options.vendorLatencyMs });
  const env = {
    ...subgraphEnvFor(sandboxes),
    LOG_LEVEL: 'error',
    REDIS_URL: redis.url,
    REQUEST_DEADLINE_MS: String(options.requestDeadlineMs),
  };
  const replicas: ChildServer[] = [];
  const startReplica = async () => {
    const replica = await startChildOnPort(BUILT_MAIN, env);
    replicas.push(replica);
    await waitUntilReady(replica.url);
    return replica;
  };
  const writes = new VendorWriteLog(sandboxes);
  try {
    const slots = await Promise.all([startReplica(), startReplica()]);
    writes.start();
    runStart = Date.now();
    let running = true;
    let nextId = 0;
    const clients = Array.from({ length: options.clients }, (_, client) =>
      clientLoop(
        client,
        (replica) => slots[replica]!.url,
        () => nextId++,
        () => running,
        options.client,
      ),
    );

    const faults = {} as SoakFaults;
    await sleep(options.seconds * 300);
    slots[0]!.child.kill('SIGKILL');
    faults.replicaKilledAt = since();
    log(`${faults.replicaKilledAt} s: replica 0 killed (SIGKILL)`);
    slots[0] = await startReplica();
    faults.replacementReadyAt = since();
    log(`${faults.replacementReadyAt} s: replacement replica ready at ${slots[0].url}`);

    await sleep(Math.max(0, options.seconds * 600 - (Date.now() - runStart)));
    await redis.stop();
    faults.redisKilledAt = since();
    log(`${faults.redisKilledAt} s: redis-server killed (SIGKILL)`);
    await sleep(300);
    await redis.start();
    faults.redisBackAt = since();
    log(`${faults.redisBackAt} s: redis-server started again on its port (data ${options.redisData})`);

    if (options.redisWritePauseMs > 0) {
      await sleep(Math.max(0, options.seconds * 800 - (Date.now() - runStart)));
      await pauseWrites(redis.url, options.redisWritePauseMs);
      faults.redisWritesPausedAt = since();
      log(`${faults.redisWritesPausedAt} s: Redis writes paused for ${options.redisWritePauseMs} ms`);
    }

    await sleep(Math.max(0, options.seconds * 1000 - (Date.now() - runStart)));
    running = false;
    const actions: SoakAction[] = (await Promise.all(clients)).flat();
    log(`${since()} s: every client finished`);
    writes.stop();
    return { options, ...tally(actions, writes), faults, wallSeconds: Number(((Date.now() - began) / 1000).toFixed(1)) };
  } finally {
    await Promise.all(
      replicas.map((replica) => (replica.child.exitCode === null && replica.child.signalCode === null ? replica.stop() : undefined)),
    );
    await sandboxes.close();
    await redis.stop();
    if (aofDir) rmSync(aofDir, { recursive: true, force: true });
  }
}
