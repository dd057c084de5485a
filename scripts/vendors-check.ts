import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, secretValues, type Config } from '../src/config.js';
import { logText } from '../src/observability/log-text.js';
import { DebitsuccessBilling, TOKEN_OPERATION } from '../src/vendors/debitsuccess/debitsuccess-billing.js';
import { KOGNITIV_SERVICES, serviceLabelOf } from '../src/vendors/kognitiv/asmx-contract.js';
import type { ContractDrift } from '../src/vendors/kognitiv/contract-drift.js';
import { KognitivLoyalty } from '../src/vendors/kognitiv/kognitiv-loyalty.js';
import { VendorReturnCodeError, VendorTransportError } from '../src/vendors/vendor-error.js';

/**
 * `npm run vendors:check -- --account M1001`: what a team runs before switching production on. With the production
 * environment (`KOGNITIV_URL`, …, `*_FILE` secrets), it reads Kognitiv's live WSDLs and compares them with the contract
 * (the comparison start-up makes), reads the named account from Kognitiv (`FetchLoyaltyMemberCore`), fetches a
 * Debitsuccess OAuth token and reads the account's billing accounts (`GET /accounts`). Nothing is written. One line per
 * vendor service, PASS or FAIL; exit 1 on any FAIL, 2 when it cannot run. Secrets are censored from every line.
 */
const USAGE = 'usage: npm run vendors:check -- --account <account id of a member both vendors hold>';

type Line = readonly ['PASS' | 'FAIL' | 'SKIP', string];

function describeDrift(drift: ContractDrift): string {
  const found = drift.found === null ? 'missing' : `${drift.found}, expected ${drift.expected}`;
  return `${drift.item} ${drift.change === 'missing' ? 'missing' : found}`;
}

/** What a failure says, without the vendor's own text (which may quote what we sent). */
function failureOf(error: unknown): string {
  if (error instanceof VendorReturnCodeError) return `${error.operation} answered ${error.vendorCode ?? 'no code'}`;
  if (error instanceof VendorTransportError) return `${error.operation} failed: ${error.reason} (${error.detail})`;
  return error instanceof Error ? error.message : String(error);
}

async function checkKognitiv(config: Config, accountId: string): Promise<Line[]> {
  if (!config.kognitiv) return [['FAIL', 'kognitiv: not configured (KOGNITIV_URL unset)']];
  const maxSockets = config.limits.maxSocketsPerVendor;
  let kognitiv: KognitivLoyalty;
  try {
    // Always the live WSDLs, whatever KOGNITIV_WSDL says: they are what is checked.
    const options = { ...config.kognitiv, wsdl: 'remote' as const, maxResponseBytes: config.limits.maxVendorResponseBytes, maxSockets };
    kognitiv = await KognitivLoyalty.create(options);
  } catch (error) {
    return [['FAIL', `kognitiv WSDLs at ${config.kognitiv.url}: ${failureOf(error)}`]];
  }
  try {
    const lines: Line[] = Object.values(KOGNITIV_SERVICES).map((service) => {
      const label = serviceLabelOf(service);
      const drift = kognitiv.contractDrift.filter((d) => d.service === label);
      return drift.length === 0
        ? ['PASS', `kognitiv ${label}: WSDL matches the contract`]
        : ['FAIL', `kognitiv ${label}: WSDL drift: ${drift.map(describeDrift).join('; ')}`];
    });
    const read = await kognitiv.fetchLoyaltyMemberCore(accountId).then(
      (member): Line => ['PASS', `kognitiv FetchLoyaltyMemberCore ${accountId}: member ${member.kognitivMemberId}`],
      (error: unknown): Line => ['FAIL', `kognitiv FetchLoyaltyMemberCore ${accountId}: ${failureOf(error)}`],
    );
    return [...lines, read];
  } finally {
    kognitiv.close();
  }
}

async function checkDebitsuccess(config: Config, accountId: string): Promise<Line[]> {
  if (!config.debitsuccess) return [['FAIL', 'debitsuccess: not configured (DEBITSUCCESS_API_URL unset)']];
  const maxSockets = config.limits.maxSocketsPerVendor;
  const billing = new DebitsuccessBilling({ ...config.debitsuccess, maxResponseBytes: config.limits.maxVendorResponseBytes, maxSockets });
  const skipped: Line = ['SKIP', 'debitsuccess UpdateClientPhoneNumber (SOAP): a write, never called here; its WSDL is bundled'];
  try {
    const accounts = await billing.findAccountsByExternalId(accountId);
    const read: Line =
      accounts.length > 0
        ? ['PASS', `debitsuccess GET /accounts ${accountId}: ${accounts.length} account(s)`]
        : ['FAIL', `debitsuccess GET /accounts ${accountId}: no billing account with that external id`];
    return [['PASS', 'debitsuccess OAuth token: issued'], read, skipped];
  } catch (error) {
    // The token comes first: a failure naming its endpoint means no read was made.
    const tokenFailed =
      (error instanceof VendorReturnCodeError || error instanceof VendorTransportError) && error.operation === TOKEN_OPERATION;
    const failure: Line = ['FAIL', `debitsuccess ${tokenFailed ? 'OAuth token' : `GET /accounts ${accountId}`}: ${failureOf(error)}`];
    if (tokenFailed) return [failure, ['FAIL', `debitsuccess GET /accounts ${accountId}: not tried (no token)`], skipped];
    return [['PASS', 'debitsuccess OAuth token: issued'], failure, skipped];
  } finally {
    billing.close();
  }
}

const { values } = parseArgs({ options: { account: { type: 'string' } } });
if (!values.account) {
  console.error(USAGE);
  process.exit(2);
}
let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`vendors:check: configuration error: ${error.message}`);
  process.exit(2);
}
const censor = logText(secretValues(config));
const lines = (await Promise.all([checkKognitiv(config, values.account), checkDebitsuccess(config, values.account)])).flat();
for (const [verdict, text] of lines) console.log(`${verdict} ${censor.foreign(text, 2_000)}`);
process.exitCode = lines.some(([verdict]) => verdict === 'FAIL') ? 1 : 0;
