import { readFileSync, writeFileSync } from 'node:fs';
import { withSettingsTable } from './settings-table.js';

/**
 * Writes README.md's Settings table from the settings src/config/settings.ts declares (test/operations/readme.test.ts fails
 * while it is stale).
 */
const readme = new URL('../../README.md', import.meta.url);
writeFileSync(readme, withSettingsTable(readFileSync(readme, 'utf8')));
console.log('README.md: Settings table written.');
