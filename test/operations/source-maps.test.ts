import { afterEach, describe, expect, it } from 'vitest';
import { npmStartFlags, waitUntilReady } from '../../bench/processes.js';
import { killLeftoverProcesses, reportOnSignal, ROOT, startBuiltProcess } from '../support/built-subgraph.js';

afterEach(killLeftoverProcesses);

/** Which source maps the built process holds once ready, started with npm start's Node flags. */
async function sourceMapsHeld(): Promise<{ own: boolean; dependency: boolean }> {
  const run = startBuiltProcess({
    args: [...npmStartFlags(ROOT), '--import', `${ROOT}test/support/report-source-maps.mjs`, `${ROOT}dist/src/main.js`],
    env: { NODE_ENV: 'development' },
    stderr: 'read',
  });
  try {
    await waitUntilReady(await run.listening());
    return JSON.parse(await reportOnSignal(run, 'SOURCE_MAPS')) as { own: boolean; dependency: boolean };
  } finally {
    await run.stop();
  }
}

// A stack of ours names the .ts line; dependencies' source maps (soap ships them) are not read: they cost ~8 MB of
// resident memory at start and every stack formatted through them (docs/benchmarks.md).
describe('source maps in the process npm start runs', () => {
  it('holds our modules source maps, and none of the dependencies', async () => {
    expect(await sourceMapsHeld()).toEqual({ own: true, dependency: false });
  }, 60_000);
});
