import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSandboxedSubgraph } from '../support/test-stack.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the headless Chromium check: ${CHROMIUM} is not installed (.ci/run installs it).`);
const stack = useSandboxedSubgraph();

describe('Apollo Sandbox landing page (outside production)', () => {
  it('is served on GET /graphql to a browser, with the example operations and headers preloaded', async () => {
    const response = await fetch(stack.subgraph.url, { headers: { accept: 'text/html' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('<title>Apollo Server</title>');
    expect(html).toContain('query Member($id: ID!)');
    expect(html).toContain('mutation SavePhone($input: SavePhoneInput!)');
    expect(html).toContain('x-member-id');
  });

  // The Sandbox script itself comes from Apollo's CDN, which this machine cannot reach: the check covers what our server sends.
  it.skipIf(!hasChromium)('loads in headless Chromium from our server and shows its title', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const response = await page.goto(stack.subgraph.url, { waitUntil: 'domcontentloaded' });

      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe('Apollo Server');
    } finally {
      await browser.close();
    }
  });
});
