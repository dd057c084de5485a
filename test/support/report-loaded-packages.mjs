// Loaded with `--import` into a built subgraph process by test/operations/load-what-is-configured.test.ts: records every
// module the process loads (import and require alike), and on SIGUSR2 writes to stderr the npm packages they came from,
// with the subpath for a package's own folders (`@apollo/server/dist/esm/plugin/landingPage/default`).
import { registerHooks } from 'node:module';
import process from 'node:process';

const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});

process.on('SIGUSR2', () => {
  const inPackages = [...loaded].flatMap((url) => {
    const at = url.lastIndexOf('/node_modules/');
    return at === -1 ? [] : [url.slice(at + '/node_modules/'.length)];
  });
  process.stderr.write(`LOADED_MODULES ${JSON.stringify(inPackages)}\n`);
});
