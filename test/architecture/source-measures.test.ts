import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Every .ts file under src/, as a path relative to it. */
const sourceFiles = () => readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));

// Issue 18's measures of src/: Prettier keeps code within 140 columns; long strings and comments are split by hand.
describe('source measures', () => {
  it('at most 5 lines of src/ are over 140 characters', () => {
    const long = sourceFiles().flatMap((file) =>
      readFileSync(join(SRC, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (line.length > 140 ? [`${file}:${index + 1}`] : [])),
    );
    expect(long.length, long.join('\n')).toBeLessThanOrEqual(5);
  });
});
