import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The example operations (`operations/*.graphql`; the build copies them beside the compiled code). */
function exampleOperations(): string {
  const folder = new URL('../../operations/', import.meta.url);
  if (!existsSync(folder)) return '';
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, folder), 'utf8').trim())
    .join('\n\n');
}

/**
 * Outside production, a browser GET on /graphql gets Apollo Sandbox with the example operations and a
 * demo member preloaded; in production there is no landing page at all.
 */
export function landingPagePlugin(production: boolean): ApolloServerPlugin {
  if (production) return ApolloServerPluginLandingPageDisabled();
  return ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    document: exampleOperations(),
    variables: { id: 'M1001', input: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 987 6543', preferred: true } },
    headers: { 'x-member-id': 'M1001' },
    includeCookies: false,
  });
}
