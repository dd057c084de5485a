import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports (static or dynamic), as a path under src/. */
function importedPaths(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((specifier) => relative(SRC, resolve(dirname(file), specifier)));
}

/** `file -> import` for each import from a file under `folder` into one of the `forbidden` folders. */
function crossings(folder: string, forbidden: string[]): string[] {
  return sourceFiles(join(SRC, folder)).flatMap((file) =>
    importedPaths(file)
      .filter((path) => forbidden.some((other) => path.startsWith(`${other}/`)))
      .map((path) => `${relative(SRC, file)} -> ${path}`),
  );
}

describe('import directions', () => {
  // Vendor code knows nothing of GraphQL or HTTP: the Vendors surface is declared in src/vendors and the schema uses it.
  it('nothing under src/vendors imports src/schema or src/http', () => {
    expect(crossings('vendors', ['schema', 'http'])).toEqual([]);
  });

  // The rules src/README.md states, beyond the vendor boundary above.
  it('nothing under src/state imports another folder of src', () => {
    expect(crossings('state', ['schema', 'http', 'vendors', 'observability', 'sandbox'])).toEqual([]);
  });

  // Settings name domain values (src/domain), never the schema's or the door's types: those read the config, not the reverse.
  it('src/config.ts and src/config import only each other and src/domain', () => {
    const configFiles = [join(SRC, 'config.ts'), ...sourceFiles(join(SRC, 'config'))];
    const outside = configFiles.flatMap((file) =>
      importedPaths(file)
        .filter((path) => !(path === 'config.js' || path.startsWith('config/') || path.startsWith('domain/')))
        .map((path) => `${relative(SRC, file)} -> ${path}`),
    );

    expect(outside).toEqual([]);
  });

  it('nothing under src/domain imports another folder of src', () => {
    expect(crossings('domain', ['schema', 'http', 'vendors', 'observability', 'sandbox', 'state', 'config'])).toEqual([]);
  });

  it('nothing under src/schema imports src/http', () => {
    expect(crossings('schema', ['http'])).toEqual([]);
  });

  it('only main.ts imports src/sandbox from outside it', () => {
    const importers = sourceFiles(SRC)
      .filter((file) => !relative(SRC, file).startsWith('sandbox/'))
      .filter((file) => importedPaths(file).some((path) => path.startsWith('sandbox/')))
      .map((file) => relative(SRC, file));

    expect(importers).toEqual(['main.ts']);
  });

  it('nothing under src/ imports the build scripts', () => {
    const importers = sourceFiles(SRC).filter((file) => importedPaths(file).some((path) => path.startsWith('../scripts/')));

    expect(importers).toEqual([]);
  });
});
