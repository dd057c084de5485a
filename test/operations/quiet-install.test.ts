import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * What `npm install` warns about on a fresh machine, as far as the dependency choices decide it (README, "Installing"):
 * no peer dependency npm has to override (each was an `ERESOLVE overriding peer dependency` block) and no install script
 * left unreviewed (the `install-scripts` warning). Both read the installed tree, offline. The `EBADENGINE` lines
 * describe the machine's own `node`, which runs npm, and are explained rather than removed.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const npm = (...args: string[]) => promisify(execFile)('npm', [...args, '--offline'], { cwd: root, encoding: 'utf8' });

describe('a quiet install', () => {
  it('leaves no peer dependency unsatisfied in the installed tree', async () => {
    // npm ls exits non-zero when it finds problems; its JSON says which.
    const answer = await npm('ls', '--all', '--json').catch((error: { stdout: string }) => error);
    const { problems = [] } = JSON.parse(answer.stdout) as { problems?: string[] };

    expect(problems).toEqual([]);
  }, 60_000);

  it('has a decision in package.json for every dependency with an install script', async () => {
    const { stdout } = await npm('install-scripts', 'ls');

    expect(stdout.trim()).toBe('No packages with unreviewed install scripts.');
  }, 30_000);
});
