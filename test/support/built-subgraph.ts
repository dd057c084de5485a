import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes } from './test-stack.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;
/** Start-up on loopback takes about a second; this only stops a wait for a line that never comes from hanging the test. */
const LOG_WAIT_MS = 15_000;
/** The test runner's own settings that would point the process elsewhere than a test means it to go. */
const DROPPED_FROM_INHERITED_ENV = /^(KOGNITIV_|DEBITSUCCESS_|ROUTER_SECRET|AUTHORIZATION|INTROSPECTION)/;

/** A JSON log line the process wrote to stdout. */
export interface LogLine {
  msg: string;
  url?: string;
  [field: string]: unknown;
}

export interface BuiltProcessOptions {
  /** Over the test runner's environment, its vendor, router, authorization and introspection settings dropped. */
  env?: Record<string, string>;
  /** What `node` runs: `dist/src/main.js` unless given (e.g. `['--input-type=module', '-e', script]`). */
  args?: string[];
  /** In a process group of its own, as a container runtime or a terminal starts it; `kill()` then ends the whole group. */
  ownProcessGroup?: boolean;
  /** `inherit` (the default) shows it with the runner's output; `read` keeps it for `stderr()`. */
  stderr?: 'inherit' | 'read';
}

export interface BuiltProcess {
  child: ChildProcess;
  /** Every stdout line so far, in order; each must be a JSON log line (one that is not fails the run). */
  lines: LogLine[];
  /** What it wrote to stderr so far, with `stderr: 'read'`. */
  stderr(): string;
  /** Its exit code, or the signal that ended it; 'close', not 'exit': by then every line it wrote has been read. */
  exited: Promise<number | NodeJS.Signals>;
  /** The first line, written or to come, that matches; refused when it exits or `withinMs` passes without one. */
  logged(match: RegExp | ((line: LogLine) => boolean), withinMs?: number): Promise<LogLine>;
  /** The URL it logs once its port is open (listening, not ready: with an unreachable WSDL it never is). */
  listening(): Promise<string>;
  /** SIGTERM, settled once it has exited. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess & { ownGroup: boolean }>();

/** Builds once when there is no build: the process under test is the built one, as production runs it. */
export function ensureBuilt(): void {
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** `node dist/src/main.js` (or `args`) with `env`, on port 0 at log level info unless `env` says otherwise. */
export function startBuiltProcess(options: BuiltProcessOptions = {}): BuiltProcess {
  ensureBuilt();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !DROPPED_FROM_INHERITED_ENV.test(name)));
  const child = spawn(process.execPath, options.args ?? [MAIN], {
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', options.stderr === 'read' ? 'pipe' : 'inherit'],
    detached: options.ownProcessGroup ?? false,
  });
  running.add(Object.assign(child, { ownGroup: options.ownProcessGroup ?? false }));
  const lines: LogLine[] = [];
  const newLines = new EventEmitter();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    lines.push(line);
    newLines.emit('line', line);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal!)));
  void exited.then(() => running.delete(child as ChildProcess & { ownGroup: boolean }));

  const logged = (match: RegExp | ((line: LogLine) => boolean), withinMs = LOG_WAIT_MS) =>
    new Promise<LogLine>((resolve, reject) => {
      const matches = typeof match === 'function' ? match : (line: LogLine) => match.test(line.msg);
      const earlier = lines.find(matches);
      if (earlier) return resolve(earlier);
      const onLine = (line: LogLine) => matches(line) && settle(() => resolve(line));
      const timer = setTimeout(() => settle(() => reject(new Error(`logged nothing matching ${match} in ${withinMs} ms`))), withinMs);
      void exited.then((outcome) => settle(() => reject(new Error(`exited (${outcome}) without logging ${match}`))));
      function settle(outcome: () => void) {
        clearTimeout(timer);
        newLines.off('line', onLine);
        outcome();
      }
      newLines.on('line', onLine);
    });

  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    logged,
    listening: () => logged((line) => typeof line.url === 'string' && line.msg.includes('listening at')).then((line) => line.url!),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * What a reporting preload (`--import test/support/report-*.mjs`, with `stderr: 'read'`) writes on SIGUSR2: the text
 * after `prefix` on its stderr line.
 */
export async function reportOnSignal(run: BuiltProcess, prefix: string, withinMs = LOG_WAIT_MS): Promise<string> {
  run.child.kill('SIGUSR2');
  const line = new RegExp(`^${prefix} (.*)$`, 'm');
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const report = line.exec(run.stderr())?.[1];
    if (report !== undefined) return report;
  }
  throw new Error(`no ${prefix} line on stderr in ${withinMs} ms`);
}

/** For `afterEach`: a process a test left running (its whole group, if it has one) must not outlive the test. */
export function killLeftoverProcesses(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.ownGroup) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    }
  }
  running.clear();
}

/**
 * For a file of built-process tests: the build (made once, in `beforeAll`, where its time is allowed), both sandbox
 * vendors for the whole file, and no process a test left running after it.
 */
export function useBuiltProcessStack(): { readonly sandboxes: SandboxVendors } {
  const stack = {} as { sandboxes: SandboxVendors };
  beforeAll(async () => {
    ensureBuilt();
    stack.sandboxes = await startSandboxes();
  }, 120_000);
  afterEach(killLeftoverProcesses);
  afterAll(async () => {
    await stack.sandboxes?.close();
  });
  return stack;
}

/** A built process that has said where it listens. */
export type BuiltSubgraph = BuiltProcess & { url: string };

/** The built subgraph in sandbox mode (embedded vendor simulators) with `env`, as `npm start` runs it, once it listens. */
export async function startBuiltSubgraph(env: Record<string, string>): Promise<BuiltSubgraph> {
  const subgraph = startBuiltProcess({ env: { NODE_ENV: 'development', ...env } });
  return Object.assign(subgraph, { url: await subgraph.listening() });
}
