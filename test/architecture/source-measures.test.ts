import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Issue 18's measures of src/: Prettier keeps code within 140 columns; long strings and comments are split by hand.
describe('source measures', () => {
  it('at most 5 lines of src/ are over 140 characters', () => {
    const long = sourceFiles(SRC).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.length > 140 ? [`${relative(SRC, file)}:${index + 1}`] : [])),
    );
    expect(long.length, long.join('\n')).toBeLessThanOrEqual(5);
  });
});
