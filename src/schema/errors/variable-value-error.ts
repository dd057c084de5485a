import { Kind, type ASTNode } from 'graphql';

/** Where a variable's value is wrong and what is wrong with it, in words that never quote the value. */
export interface VariableValueProblem {
  /** The path of the offending input field, as `userInputError` names one: `input.memberId`, `ids[1]`. */
  field: string;
  problem: string;
}

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
/** A type as graphql-js prints it: `ID!`, `[ID!]!`. */
const TYPE = `\\[*${NAME}!?(?:\\]!?)*`;
/** graphql-js's `at "input.items[0].note"`, always the last words before `; ` and the reason. */
const PATH_AT_END = new RegExp(` at "(${NAME}(?:\\.${NAME}|\\[\\d+\\])*)"$`);

/**
 * graphql-js 16's reasons for a value it cannot coerce (utilities/coerceInputValue.js, type/scalars.js, the enum's
 * parseValue), each read for the field it names below the path and the words we answer with. A reason may quote the
 * value (`String cannot represent a non string value: 64215550199`): only what matches a name or a type is kept.
 */
const REASONS: [RegExp, (match: RegExpExecArray) => { below?: string; problem: string }][] = [
  [
    new RegExp(`^Field "(${NAME})" of required type "(${TYPE})" was not provided\\.$`),
    ([, f, t]) => ({ below: f, problem: `required (${t}), not provided` }),
  ],
  [new RegExp(`^Field "(${NAME})" is not defined by type "(${NAME})"\\.`), ([, f, t]) => ({ below: f, problem: `not a field of ${t}` })],
  [new RegExp(`^Expected type "(${NAME})" to be an object\\.$`), ([, t]) => ({ problem: `expected ${t}, an input object` })],
  [new RegExp(`^Expected non-nullable type "(${TYPE})" not to be null\\.$`), ([, t]) => ({ problem: `must not be null (${t})` })],
  [new RegExp(`^Expected type "(${NAME})"\\.`), ([, t]) => ({ problem: `expected ${t}` })],
  [new RegExp(`^Value ".*" does not exist in "(${NAME})" enum\\.`, 's'), ([, t]) => ({ problem: `expected ${t}` })],
  [new RegExp(`^Enum "(${NAME})" cannot represent non-string value`), ([, t]) => ({ problem: `expected ${t}` })],
  [/^(Int|Float|String|Boolean|ID) cannot represent /, ([, t]) => ({ problem: `expected ${t}` })],
  [new RegExp(`^Exactly one key must be specified for OneOf type "(${NAME})"\\.$`), ([, t]) => ({ problem: `exactly one field of ${t}` })],
  [/^Field "[^"]*" must be non-null\.$/, () => ({ problem: 'must not be null' })],
];

/** The variable a coercion error is about: graphql-js gives such an error its variable's definition as its one node. */
function variableName(nodes: readonly ASTNode[] | undefined): string | undefined {
  const node = nodes?.length === 1 ? nodes[0] : undefined;
  return node?.kind === Kind.VARIABLE_DEFINITION ? node.variable.name.value : undefined;
}

/**
 * Reads an error graphql-js raised for a variable's value (Apollo Server passes it on as BAD_USER_INPUT) for the
 * field and the problem; `undefined` for any other error. graphql-js gives the path only in its message
 * (`Variable "$input" got invalid value <the value> at "input.number"; <reason>`), so the message is read, narrowly:
 * the reason is the original error's own message (Apollo keeps it as `originalError`), the path the last words
 * before it. The value sent sits between the two and is never read: graphql-js prints a string in it with its quotes
 * escaped, so it cannot end in ` at "…"`.
 */
export function variableValueProblem(error: {
  message: string;
  nodes?: readonly ASTNode[] | undefined;
  originalError?: Error | null | undefined;
}): VariableValueProblem | undefined {
  const name = variableName(error.nodes);
  if (name === undefined) return undefined;
  const whole = new RegExp(
    `^Variable "\\$${name}" (?:of required type "(${TYPE})" was not provided|of non-null type "(${TYPE})" must not be null)\\.$`,
  );
  const wholeMatch = whole.exec(error.message);
  if (wholeMatch) {
    const [, required, nonNull] = wholeMatch;
    return { field: name, problem: required !== undefined ? `required (${required}), not provided` : `must not be null (${nonNull})` };
  }
  const prefix = `Variable "$${name}" got invalid value `;
  const reason = error.originalError?.message;
  if (!error.message.startsWith(prefix) || reason === undefined || !error.message.endsWith(`; ${reason}`)) return undefined;
  const path = PATH_AT_END.exec(error.message.slice(0, -(reason.length + 2)))?.[1];
  const field = path !== undefined && (path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)) ? path : name;
  for (const [pattern, read] of REASONS) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const { below, problem } = read(match);
    return { field: below === undefined ? field : `${field}.${below}`, problem };
  }
  return { field, problem: 'not a valid value' };
}
