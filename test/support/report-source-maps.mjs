// Loaded with `--import` into a built subgraph process by test/operations/source-maps.test.ts: on SIGUSR2, writes to
// stderr which source maps the process holds, one of our modules' and one of a dependency's (soap ships its own).
import { findSourceMap } from 'node:module';
import { createRequire } from 'node:module';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('../../', import.meta.url);
const own = new URL('dist/src/config.js', root).href;
const dependency = createRequire(root).resolve('soap/lib/wsdl/index.js');

process.on('SIGUSR2', () => {
  process.stderr.write(
    `SOURCE_MAPS ${JSON.stringify({ own: findSourceMap(own) !== undefined, dependency: findSourceMap(dependency) !== undefined })}\n`,
  );
});
