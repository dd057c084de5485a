import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export type SoakMutation = 'recordInteraction' | 'savePhone';

/** One error of an answer, as a client reads it. */
export interface SeenError {
  /** `extensions.code`, or `(none)` when the error carries none. */
  code: string;
  /** The error's path joined with dots (`savePhone.billing`), or `(request)` for an error of the whole request. */
  path: string;
  retryable: boolean;
  replayed: boolean;
}

/** One HTTP attempt: a transport failure (no answer read), or the answer. */
export type Attempt = { kind: 'transport'; replica: number } | { kind: 'answer'; replica: number; replayed: boolean; errors: SeenError[] };

/** One logical action of a client: one idempotency key, sent until it is answered for good or the client gives up. */
export interface SoakAction {
  /** Carried by the vendor write itself (the interaction note, the phone number's digits), to attribute it. */
  id: number;
  mutation: SoakMutation;
  key: string;
  attempts: Attempt[];
  /** `success`: answered without errors; `error`: an answer it does not retry; `gave-up`: still retryable at the give-up bound. */
  ending: 'success' | 'error' | 'gave-up';
}

export interface ClientPolicy {
  /** An action still failing retryably this long after its first attempt is given up. */
  giveUpMs: number;
  /** Wait before a retry. */
  retryDelayMs: number;
  /** An attempt with no answer this long after it was sent is a transport failure. */
  attemptTimeoutMs: number;
  /** Pause between actions. */
  thinkMs: number;
}

const RECORD_INTERACTION = 'mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { interactionId } }';
const SAVE_PHONE = 'mutation($input: SavePhoneInput!) { savePhone(input: $input) { loyalty { savedPhoneNumber } billing { status } } }';

/** The request for action `id`: the id goes where the vendor write carries it (src/sandbox keeps what it parsed). */
function requestOf(action: Pick<SoakAction, 'id' | 'mutation' | 'key'>): string {
  const idempotencyKey = action.key;
  if (action.mutation === 'recordInteraction')
    return JSON.stringify({
      query: RECORD_INTERACTION,
      variables: { input: { memberId: 'M1001', type: 'CLUB-VISIT', note: `soak-${action.id}`, idempotencyKey } },
    });
  // A New Zealand mobile number unique to the action; its last four digits are never a sandbox trigger (…55).
  const number = `+64 21 ${String(action.id).padStart(5, '0')}55`;
  return JSON.stringify({ query: SAVE_PHONE, variables: { input: { memberId: 'M1001', type: 'WORK', number, idempotencyKey } } });
}

function errorsOf(body: { errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] }): SeenError[] {
  return (body.errors ?? []).map((error) => ({
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : '(none)',
    path: error.path?.join('.') ?? '(request)',
    retryable: error.extensions?.retryable === true,
    replayed: error.extensions?.replayed === true,
  }));
}

async function send(url: string, replica: number, body: string, timeoutMs: number): Promise<Attempt> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json()) as Parameters<typeof errorsOf>[0];
    const errors = errorsOf(answer);
    const replayed = response.headers.get('idempotent-replayed') === 'true' || errors.some((error) => error.replayed);
    return { kind: 'answer', replica, replayed, errors };
  } catch {
    // Refused, reset, cut or timed out: the client cannot know whether it ran.
    return { kind: 'transport', replica };
  }
}

/** Whether a well-behaved client sends the same key again: nothing was answered, or an error says a retry is safe. */
function retries(attempt: Attempt): boolean {
  return attempt.kind === 'transport' || attempt.errors.some((error) => error.retryable);
}

/**
 * A well-behaved client: one fresh key per logical action, alternating the two mutations; the same key again after a
 * transport failure or a retryable error, on the other replica each time, until an answer it keeps or `giveUpMs`.
 * Starts no new action once `running()` is false.
 */
export async function clientLoop(
  client: number,
  replicaUrl: (replica: number) => string,
  nextActionId: () => number,
  running: () => boolean,
  policy: ClientPolicy,
): Promise<SoakAction[]> {
  const actions: SoakAction[] = [];
  while (running()) {
    const id = nextActionId();
    const action: SoakAction = {
      id,
      mutation: id % 2 === 0 ? 'recordInteraction' : 'savePhone',
      key: randomUUID(),
      attempts: [],
      ending: 'gave-up',
    };
    actions.push(action);
    const body = requestOf(action);
    const firstSent = Date.now();
    for (let attemptNo = 0; ; attemptNo += 1) {
      const replica = (client + attemptNo) % 2;
      const attempt = await send(replicaUrl(replica), replica, body, policy.attemptTimeoutMs);
      action.attempts.push(attempt);
      if (!retries(attempt)) {
        action.ending = attempt.kind === 'answer' && attempt.errors.length === 0 ? 'success' : 'error';
        break;
      }
      if (Date.now() - firstSent >= policy.giveUpMs) break;
      await sleep(policy.retryDelayMs);
    }
    await sleep(policy.thinkMs);
  }
  return actions;
}
