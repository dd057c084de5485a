import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { liveVendorEnv, startSandboxes } from '../support/test-stack.js';
import { dockerfileStages, envOf, instructionsOf, type Stage } from '../../bench/dockerfile.js';

/**
 * The Dockerfile's contract: its build stage builds, its runtime stage holds what runs and nothing else, its CMD starts
 * a server whose HEALTHCHECK passes. Where a Docker engine exists the image is built and run; here there is none, so
 * each stage's own instructions are run in a directory of its own: COPY and WORKDIR as written, RUN commands as
 * written except `npm ci` (no registry here: the repository's installed node_modules stand in), then CMD and the
 * HEALTHCHECK command with the Dockerfile's ENV.
 */
const ROOT = realpathSync(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const ROUTER_SECRET = 'dockerfile-test-secret';

const stages = () => dockerfileStages(ROOT);
const execForm = (args: string) => JSON.parse(args.replace(/^CMD\s+/, '')) as string[];
const runtime = () => stages().at(-1)!;

/** Runs one stage's COPY and RUN instructions in `dir` (its WORKDIR), copying `--from` stages out of `built`. */
function runStage(stage: Stage, dir: string, built: Map<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const { keyword, args } of stage.instructions) {
    if (keyword === 'COPY') {
      const from = /^--from=(\S+)\s+/.exec(args);
      const paths = args.replace(/^--from=\S+\s+/, '').split(/\s+/);
      const target = paths.pop()!;
      for (const source of paths) {
        const origin = from ? join(built.get(from[1]!)!, source.replace(/^\/app\//, '')) : join(ROOT, source);
        // As in Docker, a target ending in / is a folder the sources go into; otherwise it is the copy's own path.
        const destination = target.endsWith('/') ? join(dir, target, basename(source)) : join(dir, target);
        mkdirSync(dirname(destination), { recursive: true });
        cpSync(origin, destination, { recursive: true });
      }
    }
    if (keyword === 'RUN') {
      for (const command of args.split('&&').map((c) => c.trim())) {
        if (/^npm ci\b/.test(command)) {
          if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
        } else if (!/^npm cache clean\b/.test(command)) {
          execFileSync('sh', ['-c', command], { cwd: dir, stdio: 'pipe' });
        }
      }
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const hasDocker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

describe('Dockerfile, as written', () => {
  it('starts the built entry point, as npm start does', () => {
    const cmd = execForm(instructionsOf(runtime(), 'CMD')[0]!);

    expect(pkg.scripts.start).toBe(`node ${cmd.slice(1).join(' ')}`);
  });

  it('runs as the unprivileged node user', () => {
    expect(instructionsOf(runtime(), 'USER')).toEqual(['node']);
  });
});

describe.skipIf(hasDocker)('Dockerfile stages run as their instructions say (no Docker engine here)', () => {
  const work = mkdtempSync(join(tmpdir(), 'dockerfile-'));
  const built = new Map<string, string>();
  let sandboxes: SandboxVendors;
  let server: ChildProcess | undefined;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    for (const stage of stages()) {
      const dir = join(work, stage.name, instructionsOf(stage, 'WORKDIR')[0] ?? '/');
      runStage(stage, dir, built);
      built.set(stage.name, dir);
    }
    sandboxes = await startSandboxes();
    port = await freePort();
    env = {
      ...process.env,
      ...envOf(runtime()),
      PORT: String(port),
      HOST: '127.0.0.1',
      ROUTER_SECRET,
      LOG_LEVEL: 'warn',
      ...liveVendorEnv(sandboxes),
    } as Record<string, string>;
  }, 180_000);

  afterAll(async () => {
    server?.kill('SIGTERM');
    await sandboxes?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('ships the built server and the example operations, not the build scripts, benchmarks or sources', () => {
    const app = built.get(runtime().name)!;

    expect(existsSync(join(app, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/operations/member.graphql'))).toBe(true);
    expect(['dist/scripts', 'dist/bench', 'src', 'scripts'].filter((path) => existsSync(join(app, path)))).toEqual([]);
  });

  it('starts with its CMD in production mode and passes its own HEALTHCHECK', async () => {
    const app = built.get(runtime().name)!;
    const [command, ...args] = execForm(instructionsOf(runtime(), 'CMD')[0]!);
    server = spawn(command === 'node' ? process.execPath : command!, args, { cwd: app, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const healthcheck = execForm(instructionsOf(runtime(), 'HEALTHCHECK')[0]!.replace(/^.*?CMD\s+/, ''));
    const check = () =>
      spawnSync(healthcheck[0] === 'node' ? process.execPath : healthcheck[0]!, healthcheck.slice(1), { cwd: app, env }).status;

    let status = check();
    for (let attempt = 0; status !== 0 && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = check();
    }

    expect(status).toBe(0);
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'router-authorization': ROUTER_SECRET, 'x-member-id': 'M1001' },
      body: JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }),
    });
    expect(await answer.json()).toEqual({ data: { member: { loyalty: { firstName: 'Aroha' } } } });
  }, 30_000);
});

describe.runIf(hasDocker)('Dockerfile image (Docker engine present)', () => {
  it('builds, and the container passes its HEALTHCHECK', () => {
    const tag = `member-subgraph-test:${process.pid}`;
    execFileSync('docker', ['build', '-t', tag, ROOT], { stdio: 'pipe', timeout: 600_000 });
    const id = execFileSync('docker', ['run', '-d', '--rm', tag]).toString().trim();
    try {
      let health = '';
      for (let attempt = 0; attempt < 60 && health !== 'healthy'; attempt++) {
        execFileSync('sleep', ['1']);
        health = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', id]).toString().trim();
      }
      expect(health).toBe('healthy');
    } finally {
      execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    }
  }, 900_000);
});
