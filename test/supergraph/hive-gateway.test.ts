import { unifiedGraphHandler as rustQueryPlanner } from '@graphql-hive/router-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_WEEK_MEMBERS } from '../../bench/companion-subgraph.js';
import { itPassesOnTheCallerAndNothingElse } from '../support/gateway-caller-scenarios.js';
import { hiveGatewayConfig, startHiveGateway, type RunningGateway } from '../support/hive-gateway.js';
import {
  bookingMemberNotFoundAt,
  askGateway,
  entityFetches,
  manyMembers,
  signedInAs,
  STAFF,
  useSupergraphStack,
} from '../support/supergraph-stack.js';

/**
 * Hive Gateway's two query planners: its own JavaScript one, and Hive Router's Rust one (`--hive-router-runtime`).
 * `missingMemberErrorAt` is the booking index at which each reports the error of the one booking (index 1) whose
 * member Kognitiv does not know.
 */
const PLANNERS = [
  {
    planner: 'its JavaScript query planner',
    unifiedGraphHandler: undefined,
    // Gateway 2.12 de-duplicates the representations, then reports the error at the first booking's path.
    missingMemberErrorAt: expect.any(Number) as unknown,
  },
  { planner: 'the Rust query planner of Hive Router', unifiedGraphHandler: rustQueryPlanner, missingMemberErrorAt: 1 as unknown },
] as const;

describe.each(PLANNERS)('through Hive Gateway with $planner', ({ unifiedGraphHandler, missingMemberErrorAt }) => {
  // A stack of its own: the login throttle's counts from one gateway's checks would otherwise meet the next's.
  const stack = useSupergraphStack();
  let url: string;
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startHiveGateway(stack, (supergraph) => ({
      ...hiveGatewayConfig(supergraph),
      ...(unifiedGraphHandler && { unifiedGraphHandler }),
    }));
    url = gateway.url;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers queries that cross both subgraphs, keeping our error extensions', async () => {
    const bookings = await askGateway(url, '{ bookings { className member { id loyalty { firstName } } } }', STAFF);

    expect(bookings.body.data?.bookings).toEqual([
      { className: 'Spin', member: { id: 'M1001', loyalty: { firstName: 'Aroha' } } },
      { className: 'Yoga', member: { id: 'NO-SUCH-MEMBER', loyalty: null } },
      { className: 'Pump', member: { id: 'M1001', loyalty: { firstName: 'Aroha' } } },
      { className: 'Swim', member: { id: 'M1002', loyalty: { firstName: 'James' } } },
    ]);
    expect(bookings.body.errors).toEqual([bookingMemberNotFoundAt(missingMemberErrorAt)]);

    const fromMember = await askGateway(
      url,
      '{ member(id: "M1001") { loyalty { firstName } bookings { className member { points { available } } } } }',
      signedInAs('M1001'),
    );
    expect(fromMember.body).toEqual({
      data: {
        member: {
          loyalty: { firstName: 'Aroha' },
          bookings: [
            { className: 'Spin', member: { points: { available: 1000.25 } } },
            { className: 'Pump', member: { points: { available: 1000.25 } } },
          ],
        },
      },
    });
  });

  it("refuses an anonymous caller the member data behind another subgraph's Booking.member, before our subgraph is asked", async () => {
    stack.forget();

    const anonymous = await askGateway(url, '{ bookings { className member { loyalty { firstName } } } }');

    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['bookings', 'member', 'loyalty'], 'UNAUTHORIZED_FIELD_OR_TYPE'],
    ]);
    expect(entityFetches(stack.members)).toEqual([]);
    for (const field of ['points { available }', 'billingAccounts { accountId }']) {
      expect((await askGateway(url, `{ bookings { member { ${field} } } }`)).status).toBe(401);
    }
    expect(stack.members.requests).toEqual([]);

    const signedIn = await askGateway(url, '{ bookings { member { loyalty { firstName } } } }', signedInAs('M1001'));
    expect(signedIn.body.data?.bookings[0]).toEqual({ member: { loyalty: { firstName: 'Aroha' } } });
  });

  it("keeps login and a member's id open to an anonymous caller", async () => {
    const login = await askGateway(
      url,
      'mutation { login(input: { accountId: "M1001", password: "correct-horse" }) { firstName member { id } } }',
    );
    const ids = await askGateway(url, '{ bookings { member { id } } }');

    expect(login.body).toEqual({ data: { login: { firstName: 'Aroha', member: { id: 'M1001' } } } });
    expect(ids.body.data?.bookings.map((b: { member: { id: string } }) => b.member.id)).toEqual([
      'M1001',
      'NO-SUCH-MEMBER',
      'M1001',
      'M1002',
    ]);
  });

  it('resolves a page of 150 bookings by three members', async () => {
    stack.forget();

    const page = await askGateway(url, '{ busyWeek { member { id loyalty { firstName } } } }', STAFF);

    expect(page.body.errors).toBeUndefined();
    expect(page.body.data?.busyWeek).toHaveLength(150);
    expect(
      new Set(page.body.data?.busyWeek.map((b: { member: { loyalty: { firstName: string } } }) => b.member.loyalty.firstName)),
    ).toEqual(new Set(['Aroha', 'James', 'Mei']));
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(BUSY_WEEK_MEMBERS.length);
  });

  it('resolves two parallel fetches of 60 distinct members each, which reach the subgraph merged into one request of 120', async () => {
    stack.forget();

    const answer = await askGateway(
      url,
      '{ a: newcomers(cohort: "A") { member { loyalty { firstName } } } b: newcomers(cohort: "B") { member { loyalty { firstName } } } }',
      STAFF,
    );

    expect(entityFetches(stack.members).map((fetch) => fetch.representations.length)).toEqual([120]);
    // The newcomers are not in the sandbox: each is its own MEMBER_NOT_FOUND, and none is a refusal of the request.
    expect(answer.body.errors).toHaveLength(120);
    expect(new Set(answer.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['MEMBER_NOT_FOUND']));
  });

  it('passes on the code of an operation the subgraph refuses', async () => {
    const refused = await askGateway(url, manyMembers(26), signedInAs('M1001'));

    expect(refused.body.errors?.length).toBeGreaterThan(0);
    for (const error of refused.body.errors ?? []) expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', retryable: false });
  });

  it('sends no Cache-Control, whatever the subgraph answered', async () => {
    stack.forget();

    const answer = await askGateway(url, '{ member(id: "M1001") { loyalty { firstName } } }', signedInAs('M1001'));

    expect(answer.body.data?.member.loyalty.firstName).toBe('Aroha');
    expect(stack.members.requests.map((r) => r.answerHeaders?.['cache-control'])).toEqual(['max-age=60, private']);
    expect(answer.headers.get('cache-control')).toBeNull();
  });

  itPassesOnTheCallerAndNothingElse(() => url, stack);
});
