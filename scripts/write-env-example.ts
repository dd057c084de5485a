import { writeFileSync } from 'node:fs';
import { envExample } from './env-example.js';

/** Writes deploy/member-subgraph.env.example from the settings src/config/settings.ts declares. */
writeFileSync(new URL('../../deploy/member-subgraph.env.example', import.meta.url), envExample());
console.log('deploy/member-subgraph.env.example written.');
