import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitUntilReady } from '../../bench/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const startFlags = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(' ')
  .filter((word) => word.startsWith('--'));

/** Which source maps the built process holds once ready, started with npm start's Node flags. */
async function sourceMapsHeld(): Promise<{ own: boolean; dependency: boolean }> {
  if (!existsSync(`${ROOT}dist/src/main.js`)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const child = spawn(
    process.execPath,
    [...startFlags, '--import', `${ROOT}test/support/report-source-maps.mjs`, `${ROOT}dist/src/main.js`],
    { env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) resolve(parsed.url);
      }),
    );
    await waitUntilReady(url);
    const report = new Promise<string>((resolve) =>
      createInterface({ input: child.stderr }).on('line', (line) => line.startsWith('SOURCE_MAPS ') && resolve(line.slice(12))),
    );
    child.kill('SIGUSR2');
    return JSON.parse(await report) as { own: boolean; dependency: boolean };
  } finally {
    child.kill('SIGTERM');
  }
}

// A stack of ours names the .ts line; dependencies' source maps (soap ships them) are not read: they cost ~8 MB of
// resident memory at start and every stack formatted through them (docs/benchmarks.md).
describe('source maps in the process npm start runs', () => {
  it('holds our modules source maps, and none of the dependencies', async () => {
    expect(await sourceMapsHeld()).toEqual({ own: true, dependency: false });
  }, 60_000);
});
