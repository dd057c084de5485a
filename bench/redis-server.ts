import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Debian's `redis-server` package puts it here; `.ci/run` installs it. */
const REDIS_SERVER = '/usr/bin/redis-server';

/**
 * Whether the Redis tests can run. Outside CI a machine without redis-server skips them, saying so
 * loudly; under CI=true its absence is a failure, since CI installs it.
 */
export function redisServerAvailable(): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  if (process.env.CI === 'true') throw new Error(`${REDIS_SERVER} is missing: .ci/run installs Debian's redis-server`);
  console.warn(`\n*** SKIPPING the Redis tests: ${REDIS_SERVER} is not installed (apt-get install redis-server) ***\n`);
  return false;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RedisServer {
  url: string;
  /** Kills the server (SIGKILL): its data is gone, unless it keeps an append-only file (`appendOnlyDir`). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

export interface RedisServerOptions {
  /**
   * Keeps an append-only file in this folder (AOF, `appendfsync everysec`, as docs/deploy.md advises), so a restart
   * reads back every write acknowledged before the kill. Unset: nothing is persisted.
   */
  appendOnlyDir?: string;
}

/** A real redis-server on a free loopback port, by default without persistence: for the shared-state tests and `npm run bench`. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = await freePort();
  const persistence =
    options.appendOnlyDir === undefined
      ? ['--appendonly', 'no']
      : ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', options.appendOnlyDir];
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = started;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      started.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
