import type { GraphQLError } from 'graphql';
import type { Config } from '../../config.js';
import { memberError } from '../errors/member-error.js';

/** Who is asking, as the router forwards it. The router authenticates; the subgraph authorizes. */
export interface Caller {
  /** The member's account id, when a member is signed in. */
  memberId?: string;
  staffScopes: readonly string[];
  /** The client's address as the trusted proxies report it (TRUST_PROXY_HOPS), for per-caller login throttling. */
  address: string;
}

export type AuthorizationSettings = Pick<Config['authorization'], 'enabled' | 'staffScope'>;

function unauthenticated(): GraphQLError {
  return memberError('UNAUTHENTICATED', { retryable: false });
}

function forbidden(): GraphQLError {
  return memberError('FORBIDDEN', { retryable: false });
}

export function isStaff(caller: Caller, settings: AuthorizationSettings): boolean {
  return caller.staffScopes.includes(settings.staffScope);
}

/**
 * Whether the caller may read what a vendor says about an account it matched by something other than the caller's
 * own id (a phone): its names, points and texts. Staff may; a member may not, as the account may be anyone's.
 */
export function readsAccountDetails(caller: Caller, settings: AuthorizationSettings): boolean {
  return !settings.enabled || isStaff(caller, settings);
}

/** Any signed-in member or staff member. */
export function assertAuthenticated(caller: Caller, settings: AuthorizationSettings): void {
  if (!settings.enabled) return;
  if (caller.memberId === undefined && !isStaff(caller, settings)) throw unauthenticated();
}

/** The member themself, or staff. Checked before any vendor call. */
export function assertMayActOn(caller: Caller, settings: AuthorizationSettings, memberId: string): void {
  if (!settings.enabled) return;
  assertAuthenticated(caller, settings);
  if (!isStaff(caller, settings) && caller.memberId !== memberId) throw forbidden();
}

/**
 * Reads the identity the router forwards. Only trust these headers behind the router (ROUTER_SECRET).
 * The address is not read here: Express derives it (`req.ip`) from the entries the trusted proxies appended.
 */
export function callerFromHeaders(
  header: (name: string) => string | undefined,
  names: Pick<Config['authorization'], 'memberIdHeader' | 'staffScopesHeader'>,
  address: string,
): Caller {
  const memberId = header(names.memberIdHeader)?.trim() || undefined;
  const staffScopes = (header(names.staffScopesHeader) ?? '').split(/[\s,]+/).filter(Boolean);
  return { memberId, staffScopes, address };
}
