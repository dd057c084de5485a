import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startBuiltSubgraph } from '../support/built-subgraph.js';
import { liveVendorEnv, startSandboxes, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the headless Chromium checks: ${CHROMIUM} is not installed (.ci/run installs it).`);
const stack = useSandboxedSubgraph();

const operationsFolder = new URL('../../operations/', import.meta.url);
const operationNames = (document: string) =>
  parse(document)
    .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => operation.name!.value);
/** Every operation of every file in operations/ (files added later included). */
const exampleOperationNames = readdirSync(operationsFolder)
  .filter((file) => file.endsWith('.graphql'))
  .flatMap((file) => operationNames(readFileSync(new URL(file, operationsFolder), 'utf8')))
  .sort();

interface Sent {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}
async function send({ query, operationName, variables, headers }: Sent) {
  const response = await fetch(stack.subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { status: response.status, ...((await response.json()) as { data?: unknown; errors?: unknown[] }) };
}

/** A page's JSON, as served: the first group of `pattern` in the page's HTML. */
async function servedJson(path: string, pattern: RegExp): Promise<any> {
  const html = await (await fetch(new URL(path, stack.subgraph.url), { headers: { accept: 'text/html' } })).text();
  const json = pattern.exec(html)?.[1];
  if (json === undefined) throw new Error(`${path}: nothing matches ${String(pattern)} in the page`);
  return JSON.parse(json);
}

/** Apollo Sandbox's embed configuration, as the landing page serves it. */
const sandboxConfig = () => servedJson('/graphql', /var embeddedSandboxConfig = (.*);$/m);
/** The offline explorer's options (GraphiQL's tabs), as its page serves them. */
const explorerOptions = () => servedJson('/explorer/', /<script id="explorer-options" type="application\/json">(.*)<\/script>/);

describe('Apollo Sandbox landing page (outside production)', () => {
  it('is served on GET /graphql to a browser, with the example operations and headers preloaded', async () => {
    const response = await fetch(stack.subgraph.url, { headers: { accept: 'text/html' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<title>Apollo Server</title>');
    expect(html).toContain('query Member($id: ID!)');
    expect(html).toContain('x-member-id');
  });

  it('preloads every operation in operations/, and each runs without errors with the preloaded variables and headers', async () => {
    const { initialState } = await sandboxConfig();
    const names = operationNames(initialState.document as string);

    expect([...names].sort()).toEqual(exampleOperationNames);
    for (const operationName of names) {
      const { document: query, variables, headers } = initialState;
      const response = await send({ query, operationName, variables, headers });

      expect({ operationName, status: response.status, errors: response.errors }).toEqual({ operationName, status: 200 });
    }
  });

  // This machine cannot reach Apollo's CDN: a stand-in for Sandbox's script, served at its address, plays an online browser.
  it.skipIf(!hasChromium)(
    "stays Apollo Sandbox in headless Chromium when Apollo's script loads, given the preloaded state",
    async () => {
      await withChromium(async (page) => {
        await page.context().route('**', (route) => {
          const url = new URL(route.request().url());
          if (url.hostname === '127.0.0.1') return route.continue();
          if (url.hostname !== 'embeddable-sandbox.cdn.apollographql.com') return route.abort('internetdisconnected');
          const sandboxScript = 'window.EmbeddedSandbox = function (config) { window.sandboxSeen = config; };';
          return route.fulfill({ contentType: 'text/javascript', body: sandboxScript });
        });
        const response = await page.goto(stack.subgraph.url);
        await page.waitForLoadState('load');

        expect(response?.status()).toBe(200);
        expect(await page.title()).toBe('Apollo Server');
        expect(new URL(page.url()).pathname).toBe('/graphql');
        expect(await page.evaluate(() => (window as any).sandboxSeen.initialState.headers)).toEqual({ 'x-member-id': 'M1001' });
      });
    },
    60_000,
  );
});

describe("the offline explorer (GraphiQL from npm, when Apollo's CDN cannot be reached)", () => {
  it('has one tab per operation in operations/, each running without errors with its own variables and headers', async () => {
    const { defaultTabs } = await explorerOptions();

    expect(defaultTabs.flatMap((tab: { query: string }) => operationNames(tab.query)).sort()).toEqual(exampleOperationNames);
    for (const tab of defaultTabs as { query: string; variables: string; headers: string }[]) {
      const response = await send({ query: tab.query, variables: JSON.parse(tab.variables), headers: JSON.parse(tab.headers) });

      const { query } = tab;
      expect({ query, status: response.status, errors: response.errors }).toEqual({ query, status: 200 });
    }
  });

  it.skipIf(!hasChromium)(
    'takes over the landing page with no network beyond loopback: a query typed and run answers',
    async () => {
      await withChromium(async (page) => {
        const blocked: string[] = [];
        await page.context().route('**', (route) => {
          const { hostname } = new URL(route.request().url());
          if (hostname === '127.0.0.1' || route.request().url().startsWith('blob:')) return route.continue();
          blocked.push(hostname);
          return route.abort('internetdisconnected');
        });

        await page.goto(stack.subgraph.url);
        await page.waitForURL(/\/explorer\/$/);
        const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
        await editor.waitFor({ timeout: 20_000 });
        await editor.click();
        await page.keyboard.press('Control+A');
        // Inserted rather than typed: the editor would close each bracket typed.
        await page.keyboard.insertText('query Typed($id: ID!) { member(id: $id) { id loyalty { firstName lastName } points { earned } } }');
        // The tab takes its name from the operation typed: once it has, GraphiQL sends that operation.
        await page.locator('.graphiql-tab-active', { hasText: 'Typed' }).waitFor();
        await page.getByRole('button', { name: /prettify/i }).click();
        await page.locator('.graphiql-execute-button').click();
        const answer = page.locator('.graphiql-response');
        await expect.poll(() => answer.innerText(), { timeout: 20_000 }).toContain('Aroha');
        // docs/explorer-offline.png, the README's picture of this page, is rewritten on request only: a run leaves the tree clean.
        if (process.env.WRITE_DOCS_SCREENSHOTS === '1') {
          await page.screenshot({ path: new URL('../../docs/explorer-offline.png', import.meta.url).pathname });
        }

        expect(await answer.innerText()).toContain('Ngata');
        expect(blocked).toContain('embeddable-sandbox.cdn.apollographql.com');
      });
    },
    60_000,
  );
});

describe('the built process', () => {
  it('serves the explorer with every example operation (copied beside the build) and GraphiQL from node_modules', async () => {
    const subgraph = await startBuiltSubgraph({});
    try {
      const page = await (await fetch(new URL('/explorer/', subgraph.url))).text();
      const script = await fetch(new URL('/explorer/graphiql.js', subgraph.url));
      const tabs = JSON.parse(/<script id="explorer-options" type="application\/json">(.*)<\/script>/.exec(page)![1]!).defaultTabs;

      expect(tabs.flatMap((tab: { query: string }) => operationNames(tab.query)).sort()).toEqual(exampleOperationNames);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await script.text()).toContain('renderYogaGraphiQL');
    } finally {
      await subgraph.stop();
    }
  }, 60_000);
});

describe('in production', () => {
  it('serves neither the landing page nor the explorer', async () => {
    const sandboxes = await startSandboxes();
    const env = { NODE_ENV: 'production', ...liveVendorEnv(sandboxes), ROUTER_SECRET: 'router-secret' };
    const subgraph = await startSubgraph(sandboxes, { env });
    try {
      const page = await fetch(subgraph.url, { headers: { accept: 'text/html', 'router-authorization': 'router-secret' } });
      const explorer = await fetch(new URL('/explorer/', subgraph.url));
      const script = await fetch(new URL('/explorer/graphiql.js', subgraph.url));

      expect(await page.text()).not.toContain('<html');
      expect([explorer.status, script.status]).toEqual([404, 404]);
    } finally {
      await subgraph.close();
      await sandboxes.close();
    }
  });
});

async function withChromium(use: (page: Page) => Promise<void>): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await use(await (await browser.newContext({ viewport: { width: 1400, height: 800 } })).newPage());
  } finally {
    await browser.close();
  }
}
