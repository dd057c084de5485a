import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

/** Where `npm run bench` writes its sections: docs/benchmarks.md, or `BENCH_OUT`. */
export const BENCH_DOCS = process.env.BENCH_OUT ?? fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

export const fmt = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '' : n.toFixed(digits));
export const verdictOf = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');

/** The line every measured section starts with: when, on what, and the command that wrote it (then what was run). */
export function measuredLine(command: string, details: string): string {
  const cpu = cpus();
  const machine = `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  return `Measured ${new Date().toISOString()} on ${machine}, with \`${command}\` (${details}).`;
}

/** Replaces the section between `<!-- NAME:start -->` and `<!-- NAME:end -->` of the bench docs, or appends it. */
export function writeSection(name: string, body: string): void {
  const section = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`);
  const measured = `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`;
  const previous = existsSync(BENCH_DOCS) ? readFileSync(BENCH_DOCS, 'utf8') : '';
  writeFileSync(BENCH_DOCS, section.test(previous) ? previous.replace(section, () => measured) : `${previous}${measured}\n`);
  console.log(`\nwritten to ${BENCH_DOCS}`);
}
