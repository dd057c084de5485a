import { startCompanion } from './companion-subgraph.js';

/** The companion bookings subgraph in a process of its own, so that its CPU is not counted against the gateways. */
const companion = await startCompanion();
console.log(JSON.stringify({ url: companion.url }));
