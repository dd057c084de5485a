/**
 * The committed SDL without `@authenticated`, for `@apollo/gateway`, which refuses a supergraph linking a SECURITY
 * feature (docs/deploy.md, "On @apollo/gateway"). The subgraph still checks the caller itself. Free of vitest, so that
 * the gateway benchmark (bench/gateway-child.ts) composes with it too.
 */
export function withoutAuthenticated(sdl: string): string {
  // The same three edits as docs/deploy.md's sed: since @apollo/subgraph 2.15 the SDL also defines the directive.
  return sdl
    .replace(/^directive @authenticated .*\n/m, '')
    .replace(/, "@authenticated"/, '')
    .replace(/ @authenticated/g, '');
}
