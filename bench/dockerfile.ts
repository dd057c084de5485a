import { readFileSync } from 'node:fs';

/** One Dockerfile instruction: its keyword and the rest of its line. */
export interface Instruction {
  keyword: string;
  args: string;
}
/** A build stage: its `AS` name (else its index) and its instructions after `FROM`. */
export interface Stage {
  name: string;
  instructions: Instruction[];
}

/** The Dockerfile in `root`, as stages and their instructions: comments dropped and `\`-continued lines joined. */
export function dockerfileStages(root: string): Stage[] {
  const lines = readFileSync(`${root}/Dockerfile`, 'utf8')
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'));
  const result: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\w+)\s+(.*)$/.exec(line.trim()) ?? [];
    if (keyword === 'FROM') result.push({ name: / AS (\w+)$/i.exec(args)?.[1] ?? String(result.length), instructions: [] });
    else result.at(-1)?.instructions.push({ keyword, args });
  }
  return result;
}

/** The arguments of each of a stage's `keyword` instructions, in order. */
export const instructionsOf = (stage: Stage, keyword: string): string[] =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** The variables a stage's `ENV` instructions set. */
export function envOf(stage: Stage): Record<string, string> {
  return Object.fromEntries(instructionsOf(stage, 'ENV').flatMap((args) => [...args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));
}
