import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** No Docker engine runs here: check that the Dockerfile runs what the package defines. */
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

function jsonArray(instruction: string): string[] {
  const line = dockerfile.split('\n').find((l) => l.startsWith(`${instruction} [`));
  if (!line) throw new Error(`no exec-form ${instruction}`);
  return JSON.parse(line.slice(instruction.length + 1)) as string[];
}

describe('Dockerfile', () => {
  it('starts the built entry point, as npm start does', () => {
    const cmd = jsonArray('CMD');

    expect(pkg.scripts.start).toBe(`node ${cmd.slice(1).join(' ')}`);
  });

  it('builds with the package build script and installs production dependencies from the lockfile in the runtime stage', () => {
    expect(dockerfile).toContain('RUN npm run build');
    expect(pkg.scripts.build).toContain('tsc -p tsconfig.build.json');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('USER node');
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/health/);
  });

  it('copies everything the build compiles', () => {
    const include = (JSON.parse(readFileSync(new URL('../../tsconfig.build.json', import.meta.url), 'utf8')) as { include: string[] }).include;

    for (const folder of include) expect(dockerfile).toContain(`COPY ${folder} ./${folder}`);
  });
});
