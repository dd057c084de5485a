import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ExplorerPreload } from './example-operations.js';
import { OFFLINE_FALLBACK_SCRIPT } from './offline-explorer.js';

/**
 * Outside production (`preload` given), a browser GET on /graphql gets Apollo Sandbox with the example operations, their
 * variables and the demo member's headers preloaded. Sandbox's script comes from Apollo's CDN: the page also loads our
 * fallback script (from 'self', which the page's Content-Security-Policy allows), which opens the offline explorer when
 * that script did not load. In production there is no landing page at all, and Apollo's page is not even loaded.
 */
export function landingPagePlugin(preload: ExplorerPreload | undefined): ApolloServerPlugin {
  if (preload === undefined) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart(service) {
      const { ApolloServerPluginLandingPageLocalDefault } = await import('@apollo/server/plugin/landingPage/default');
      const sandbox = ApolloServerPluginLandingPageLocalDefault({
        embed: true,
        document: preload.operations.map((operation) => operation.document).join('\n\n'),
        variables: preload.variables,
        headers: preload.headers,
        includeCookies: false,
      });
      const renderSandbox = (await sandbox.serverWillStart?.(service))?.renderLandingPage;
      if (renderSandbox === undefined) throw new Error("Apollo's landing page plugin rendered no page");
      return {
        async renderLandingPage() {
          const { html } = await renderSandbox();
          const withFallback = (page: string) => page.replace('</body>', `  <script src="${OFFLINE_FALLBACK_SCRIPT}"></script>\n  </body>`);
          return { html: async () => withFallback(typeof html === 'string' ? html : await html()) };
        },
      };
    },
  };
}
