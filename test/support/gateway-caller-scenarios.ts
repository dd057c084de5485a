import { expect, it } from 'vitest';
import { askGateway, signedInAs, type SupergraphStack } from './supergraph-stack.js';

/**
 * Registers, in the enclosing describe, what every gateway configured as docs/deploy.md shows must do with the
 * caller: pass on the client's address (issue 10, point 6) and never a client-sent identity header. `gatewayUrl`
 * is read when the tests run, after the file's beforeAll has started the gateway.
 */
export function itPassesOnTheCallerAndNothingElse(gatewayUrl: () => string, stack: SupergraphStack): void {
  it('passes the client address on, so wrong passwords from one address do not lock the member out for another', async () => {
    const login = (password: string, address: string) =>
      askGateway(gatewayUrl(), `mutation { login(input: { accountId: "M1002", password: "${password}" }) { firstName } }`, {
        'x-forwarded-for': address,
      });

    for (let i = 0; i < 5; i += 1)
      expect((await login('wrong', '203.0.113.7')).body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');

    const throttled = await login('correct-horse', '203.0.113.7');
    const elsewhere = await login('correct-horse', '198.51.100.2');
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true });
    expect(elsewhere.body).toEqual({ data: { login: { firstName: 'James' } } });
  });

  it('never lets a client-sent identity header reach our subgraph', async () => {
    stack.forget();
    const spoofed = { 'x-member-id': 'M1002', 'x-staff-scopes': 'members:manage' };

    // login is open to anonymous callers, so this request reaches our subgraph through any gateway.
    const anonymous = await askGateway(
      gatewayUrl(),
      'mutation { login(input: { accountId: "M1001", password: "correct-horse" }) { firstName } }',
      spoofed,
    );
    const otherMember = await askGateway(gatewayUrl(), '{ member(id: "M1002") { loyalty { firstName } } }', {
      ...spoofed,
      ...signedInAs('M1001'),
    });

    expect(anonymous.body.data?.login.firstName).toBe('Aroha');
    expect(otherMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stack.members.requests.map((r) => [r.headers['x-member-id'], r.headers['x-staff-scopes']])).toEqual([
      [undefined, undefined],
      ['M1001', undefined],
    ]);
  });
}
