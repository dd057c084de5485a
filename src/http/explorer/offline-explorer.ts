import express from 'express';
import type { ExplorerPreload } from './example-operations.js';

export const EXPLORER_PATH = '/explorer';
/** Loaded by the Sandbox landing page: run in the browser, after Sandbox's own scripts. */
export const OFFLINE_FALLBACK_SCRIPT = `${EXPLORER_PATH}/fallback.js`;

/** Sandbox's script (from Apollo's CDN) defines `EmbeddedSandbox`; without it the page is a blank "you might be offline". */
const FALLBACK_JS = `if (typeof window.EmbeddedSandbox !== 'function') window.location.replace('${EXPLORER_PATH}/');\n`;

/** Monaco (GraphiQL's editor) runs its language services in workers, which it asks for by label. */
const START_JS = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (_moduleId, label) { return 'workers/' + label + '.js'; },
};
YogaGraphiQL.renderYogaGraphiQL(
  document.getElementById('root'),
  JSON.parse(document.getElementById('explorer-options').textContent),
);
`;

/** The GraphiQL bundle `@graphql-yoga/render-graphiql` ships (React, GraphiQL and Monaco in one script): no CDN, no build. */
interface GraphiQLBundle {
  js: string;
  css: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

/** Where each file of the bundle is served, below the explorer's page. */
const ASSETS: Record<string, { type: string; source: (bundle: GraphiQLBundle) => string }> = {
  'graphiql.css': { type: 'text/css', source: (bundle) => bundle.css },
  'graphiql.js': { type: 'text/javascript', source: (bundle) => bundle.js },
  'start.js': { type: 'text/javascript', source: () => START_JS },
  'workers/editorWorkerService.js': { type: 'text/javascript', source: (bundle) => bundle.editorWorkerService },
  'workers/json.js': { type: 'text/javascript', source: (bundle) => bundle.jsonWorker },
  'workers/graphql.js': { type: 'text/javascript', source: (bundle) => bundle.graphqlWorker },
};

/**
 * The explorer the subgraph serves itself, for browsers that cannot reach Apollo's CDN (offline, or a proxy that
 * blocks it): GraphiQL, from npm, with one tab per example operation (its variables and headers) querying /graphql.
 * Outside production only (app.ts does not mount it there). The bundle (9 MB of text, some 45 MB of memory once loaded)
 * is loaded on the first request for it, not at start-up. It is a development dependency: where it is not installed
 * (`npm ci --omit=dev`), the page says where the operations are and how to send one with curl.
 */
export function offlineExplorer(preload: ExplorerPreload, graphqlPath: string): express.Router {
  let loading: Promise<GraphiQLBundle | undefined> | undefined;
  const bundle = () => (loading ??= loadBundle());
  const router = express.Router();
  router.get('/fallback.js', (_req, res) => {
    res.type('text/javascript').send(FALLBACK_JS);
  });
  router.get('/', async (req, res) => {
    // Relative asset paths: without its trailing slash the page would load them from the parent folder.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    if ((await bundle()) === undefined) {
      res.type('html').send(notInstalledPage(preload, `${req.protocol}://${req.get('host')}${graphqlPath}`));
    } else {
      res.type('html').send(explorerPage(preload, graphqlPath));
    }
  });
  for (const [path, asset] of Object.entries(ASSETS)) {
    router.get(`/${path}`, async (_req, res, next) => {
      const loaded = await bundle();
      if (loaded === undefined) return next();
      res.type(asset.type).send(asset.source(loaded));
    });
  }
  return router;
}

async function loadBundle(): Promise<GraphiQLBundle | undefined> {
  try {
    return await import('@graphql-yoga/render-graphiql/graphiql');
  } catch {
    return undefined;
  }
}

/** JSON inside a <script> element: `<` escaped, so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

function explorerPage({ operations, headers }: ExplorerPreload, graphqlPath: string): string {
  const tabs = operations.map((operation) => ({
    query: `${operation.document}\n`,
    variables: JSON.stringify(operation.variables, null, 2),
    headers: JSON.stringify(operation.headers, null, 2),
  }));
  const options = {
    title: 'member-subgraph explorer',
    endpoint: graphqlPath,
    defaultTabs: tabs,
    defaultEditorToolsVisibility: 'variables',
    // GraphiQL fills the first tab's editors from these, not from its tab (graphql/graphiql#3392); `headers` are new tabs' too.
    query: tabs[0]?.query,
    variables: tabs[0]?.variables,
    headers: JSON.stringify(headers, null, 2),
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>member-subgraph explorer</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>The explorer needs JavaScript. ${sendWithCurl(operations, graphqlPath)}</noscript>
    <div id="root" style="height: 100vh"></div>
    <script id="explorer-options" type="application/json">${scriptJson(options)}</script>
    <script src="graphiql.js"></script>
    <script src="start.js"></script>
  </body>
</html>
`;
}

function notInstalledPage(preload: ExplorerPreload, graphqlUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>member-subgraph explorer</title></head>
  <body>
    <h1>member-subgraph</h1>
    <p>Apollo Sandbox could not be loaded from Apollo's CDN, and the offline explorer is not installed here (it is a
      development dependency: <code>npm ci</code> without <code>--omit=dev</code> installs it).</p>
    <p>${sendWithCurl(preload.operations, graphqlUrl)}</p>
  </body>
</html>
`;
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function sendWithCurl(operations: ExplorerPreload['operations'], graphqlUrl: string): string {
  const member = operations.find((operation) => operation.file === 'member.graphql');
  const body = JSON.stringify({ query: member?.document ?? '{ __typename }', variables: member?.variables ?? {} });
  return (
    `The example operations are the files of <code>operations/</code> (${operations.map((o) => o.file).join(', ')}); ` +
    'the README\'s "Example operations" shows their variables. One, sent with curl: ' +
    `<pre>curl ${escapeHtml(`-H 'content-type: application/json' -d '${body.replaceAll("'", "'\\''")}'`)} ${escapeHtml(graphqlUrl)}</pre>`
  );
}
