import { setSourceMapsSupport } from 'node:module';
import { setFlagsFromString } from 'node:v8';

// Source maps for our own code only, set before the rest is loaded (so imported below, not above: a module's map is
// read when it is compiled). `--enable-source-maps` also read every dependency's (soap ships them): ~8 MB resident
// at start for stack lines nobody maps back to a dependency's TypeScript (docs/benchmarks.md).
setSourceMapsSupport(true, { nodeModules: false });
await import('reflect-metadata');
const { closeOnSignals } = await import('./close-on-signals.js');
const { ConfigError, loadConfig, secretValues } = await import('./config.js');
const { createLogger } = await import('./observability/logger.js');
const { inStartUpSpan } = await import('./observability/start-up-span.js');
const { shutdownGraceMs } = await import('./app.js');
const { startServer } = await import('./server.js');
const { createVendorClients } = await import('./vendors/create-vendors.js');
const { PendingVendorClients } = await import('./vendors/pending-vendor-clients.js');

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`member-subgraph: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  // Under load V8 lets the old generation grow to ~4x what survived the last full GC before it
  // collects again; nearly all of that is finished requests' garbage. A smaller factor keeps the
  // resident size near the live set for a little more GC work (docs/benchmarks.md).
  if (config.heapGrowthPercent > 0) setFlagsFromString(`--heap-growing-percent=${config.heapGrowthPercent}`);

  // The SDK is loaded only when traces have somewhere to go; first, so that every span from here on is recorded.
  const { tracesUrl } = config.tracing;
  const tracing =
    tracesUrl === undefined ? undefined : (await import('./observability/tracing-sdk.js')).startTracing({ ...config.tracing, tracesUrl });

  // The sandbox is loaded only when a vendor is not configured: production code never depends on it.
  const needsSandbox = !config.kognitiv || !config.debitsuccess;
  const sandbox = needsSandbox
    ? await (
        await import('./sandbox/start-sandbox-vendors.js')
      ).startSandboxVendors({ kognitiv: !config.kognitiv, debitsuccess: !config.debitsuccess })
    : undefined;
  const kognitiv = config.kognitiv ?? sandbox!.kognitiv!.settings;
  const debitsuccess = config.debitsuccess ?? sandbox!.debitsuccess!.settings;
  const secrets = secretValues({ ...config, kognitiv, debitsuccess });
  const logger = createLogger({ level: config.logLevel, pretty: config.nodeEnv === 'development' && process.stdout.isTTY, secrets });
  logger.info(
    {
      kognitiv: config.kognitiv ? 'live' : 'sandbox',
      debitsuccess: config.debitsuccess ? 'live' : 'sandbox',
      kognitivUrl: kognitiv.url,
      debitsuccessSoapUrl: debitsuccess.soapUrl,
      debitsuccessApiUrl: debitsuccess.apiUrl,
    },
    'vendors',
  );

  // Serve at once; the vendor clients (and their WSDLs) join when they can, and /ready says when.
  const vendorClients = new PendingVendorClients();
  const connected = vendorClients.connect(
    () =>
      inStartUpSpan('vendor clients start-up', () =>
        createVendorClients(kognitiv, debitsuccess, {
          maxResponseBytes: config.limits.maxVendorResponseBytes,
          maxSocketsPerVendor: config.limits.maxSocketsPerVendor,
          propagateTrace: config.tracing.propagateToVendors,
        }),
      ),
    logger,
  );
  const server = await startServer(
    {
      config,
      vendors: vendorClients.vendors,
      logger,
      secrets,
      isReady: () => vendorClients.isReady(),
      contractDrift: () => vendorClients.contractDrift(),
    },
    { port: config.port, host: config.host },
  );
  logger.info({ url: server.url, metricsPort: config.metricsPort }, `member-subgraph listening at ${server.url}`);

  closeOnSignals({ graceMs: shutdownGraceMs(config.limits), logger }, async () => {
    await server.stop();
    vendorClients.close();
    await sandbox?.close();
    await tracing?.shutdown();
  });

  // When /ready turns 200; never while the WSDLs cannot be read. The page at GET /graphql is off in production.
  await connected;
  if (!vendorClients.isReady()) return;
  const sandboxHint = config.nodeEnv === 'production' ? '' : ' (open it in a browser for Apollo Sandbox)';
  logger.info({ url: server.url }, `member-subgraph ready at ${server.url}${sandboxHint}`);
}

main().catch((error: unknown) => {
  console.error('member-subgraph failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
