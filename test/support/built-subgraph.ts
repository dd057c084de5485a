import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startChild, type ChildServer } from '../../bench/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = `${ROOT}dist/src/main.js`;

/**
 * `node dist/src/main.js` in sandbox mode (embedded vendor simulators) with `env`, as `npm start` runs it, up once it has
 * logged its URL. Builds first when there is no build.
 */
export async function startBuiltSubgraph(env: Record<string, string>): Promise<ChildServer> {
  if (!existsSync(MAIN)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  return startChild(MAIN, { NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: '0', ...env });
}
