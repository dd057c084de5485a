import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** The Node flags `npm start` runs the subgraph with (and so the image: test/operations/dockerfile.test.ts), read from the package.json in `root`. */
export function npmStartFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(' ').filter((word) => word.startsWith('--'));
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Peak resident set size of the child so far, in MB (Linux VmHWM). */
  peakRssMb(): number;
  /** CPU time (user + system) the child has used so far, in ms (Linux /proc/<pid>/stat). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Starts `node <script>` and waits for the JSON log line that carries its `url`. */
export async function startChild(script: string, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) resolve(parsed.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return childServer(child, url);
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times: 100 on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

function childServer(child: ChildProcess, url: string): ChildServer {
  return {
    url,
    child,
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs() {
      // Fields 14 and 15 (utime, stime) in clock ticks, counted after the parenthesised command name.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A free loopback port: bound, read and released. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <script>` on a known port, for a server whose start-up line is not printed at the log level in use;
 * `node` is this process's own runtime unless another executable is given (the runtime comparison), started with
 * `nodeFlags` before the script.
 */
export async function startChildOnPort(
  script: string,
  env: Record<string, string>,
  node = process.execPath,
  nodeFlags: readonly string[] = [],
): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(node, [...nodeFlags, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return childServer(child, `http://127.0.0.1:${port}/graphql`);
}

export async function waitUntilReady(graphqlUrl: string): Promise<void> {
  const ready = new URL('/ready', graphqlUrl);
  for (let i = 0; i < 100; i += 1) {
    if ((await fetch(ready).catch(() => undefined))?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${ready} never became ready`);
}
