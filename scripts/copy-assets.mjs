// tsc compiles only TypeScript: copy the bundled WSDLs (and other non-TS assets) next to the compiled JS.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.(wsdl|xsd)$/;

for (const entry of readdirSync('src', { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && ASSET.test(entry.name)) {
    const file = join(entry.parentPath, entry.name);
    cpSync(file, join('dist', file));
  }
}

// The example operations preload Apollo Sandbox (src/http/landing-page.ts).
cpSync('operations', join('dist', 'operations'), { recursive: true });
