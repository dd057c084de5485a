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

describe('import directions', () => {
  // Vendor code knows nothing of GraphQL or HTTP: the Vendors surface is declared in src/vendors and the schema uses it.
  it('nothing under src/vendors imports src/schema or src/http', () => {
    const crossings = sourceFiles(join(SRC, 'vendors')).flatMap((file) =>
      importedPaths(file)
        .filter((path) => path.startsWith('schema/') || path.startsWith('http/'))
        .map((path) => `${relative(SRC, file)} -> ${path}`),
    );

    expect(crossings).toEqual([]);
  });
});
