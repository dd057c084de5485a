import { GraphQLError } from 'graphql';

/** Who is asking, as the router forwards it. The router authenticates; the subgraph authorizes. */
export interface Caller {
  /** The member's account id, when a member is signed in. */
  memberId?: string;
  staffScopes: readonly string[];
  /** The client address the router forwards, for per-caller login throttling. */
  address: string;
}

export interface AuthorizationSettings {
  enabled: boolean;
  /** The staff scope that may act on any member. */
  staffScope: string;
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in to do this.', { extensions: { code: 'UNAUTHENTICATED', retryable: false } });
}

function forbidden(): GraphQLError {
  return new GraphQLError("You may not act on another member's account.", { extensions: { code: 'FORBIDDEN', retryable: false } });
}

export function isStaff(caller: Caller, settings: AuthorizationSettings): boolean {
  return caller.staffScopes.includes(settings.staffScope);
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
