import type { GraphQLResponse, Subgraph } from './test-stack.js';
import { LOGIN } from './documents.js';

/** M1001's portal password in the sandbox seed. */
export const RIGHT_PASSWORD = 'correct-horse';

/** One login operation per password, all in ONE HTTP request (Apollo Server batching: a JSON array body), from `forwardedFor`. */
export async function loginBatch(
  subgraph: Subgraph,
  accountId: string,
  passwords: readonly string[],
  forwardedFor: string,
): Promise<GraphQLResponse[]> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify(passwords.map((password) => ({ query: LOGIN, variables: { input: { accountId, password } } }))),
  });
  const answers = (await response.json()) as Omit<GraphQLResponse, 'status'>[];
  return answers.map((answer) => ({ status: response.status, ...answer }));
}

/** One login in its own HTTP request. */
export function login(subgraph: Subgraph, accountId: string, password: string, forwardedFor: string): Promise<GraphQLResponse> {
  return subgraph.request(LOGIN, { input: { accountId, password } }, { 'x-forwarded-for': forwardedFor });
}

/** The error code of a login answer, or `OK` when it signed in. */
export function outcome(answer: GraphQLResponse): string {
  if (answer.data?.login) return 'OK';
  const codes = (answer.errors ?? []).map((error) => String(error.extensions?.code));
  if (codes.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(answer.errors)}`);
  return codes[0]!;
}

/** Nine wrong passwords and the right one last: the attacker's batch that found the password on main. */
export const NINE_WRONG_THEN_RIGHT = [...Array.from({ length: 9 }, (_, i) => `guess-${i}`), RIGHT_PASSWORD];
