import { startDebitsuccessSandbox } from '../src/sandbox/debitsuccess/debitsuccess-sandbox.js';

/** The Debitsuccess sandbox in a process of its own, so that its CPU is not counted against the clients measured. */
const sandbox = await startDebitsuccessSandbox();
console.log(JSON.stringify({ url: new URL(sandbox.apiUrl).origin }));
