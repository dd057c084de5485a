import { declaredDefault, settingLeaves, type SettingLeaf } from '../src/config/setting.js';
import { SETTINGS } from '../src/config/settings.js';

/** Where deploy/kubernetes/deployment.yaml mounts the Secret `member-subgraph-secrets`; each secret is a file in it. */
export const SECRETS_DIR = '/run/secrets/member-subgraph';

/** The file a secret setting is read from: its variable in kebab case, in `SECRETS_DIR`. */
export function secretFile(env: string): string {
  return `${SECRETS_DIR}/${env.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * The values a go-live file must give and no default supplies: each vendor's settings (example values of the vendor's
 * documented form) and the mode. Every `requiredWhenLive` setting that is not a secret needs one; `envExample` throws otherwise.
 */
const GO_LIVE_VALUES: Record<string, string> = {
  NODE_ENV: 'production',
  // The manifests' `metrics` port (deploy/kubernetes): /metrics and the probes apart from /graphql.
  METRICS_PORT: '9464',
  KOGNITIV_URL: 'https://app.kognitivloyalty.com',
  KOGNITIV_LOYALTY_PROGRAM_ID: '1234',
  KOGNITIV_LOCATION: 'CLUB-HQ',
  DEBITSUCCESS_SOAP_URL: 'https://ask-debitsuccess.invalid/DebitsuccessMessages.svc',
  DEBITSUCCESS_USERNAME: 'member-subgraph',
  DEBITSUCCESS_API_URL: 'https://oc.debitsuccess.com/CustomerServices/v1.0',
  DEBITSUCCESS_TOKEN_URL: 'https://oc.debitsuccess.com/identity/connect/token',
  DEBITSUCCESS_CLIENT_ID: 'member-subgraph',
};

const HEADER = `# member-subgraph: every setting, as a production replica behind a router runs it.
# Written by \`npm run docs:env\` from src/config/settings.ts (test/operations/deploy-files.test.ts fails while it is stale).
# Copy it to member-subgraph.env and put your values in: \`docker run --env-file\` and deploy/kustomization.yaml's
# ConfigMap read that copy. A line \`# NAME=value\` shows the production default: uncomment it to change it.
# Secrets are never in this file: each is read from the file its \`NAME_FILE\` names, which Kubernetes mounts from the
# Secret \`member-subgraph-secrets\` (deploy/README.md) and Docker from \`-v\` or \`--secret\`.`;

/** The comment lines of a setting's meaning, wrapped at 118 columns. */
function described(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > 118) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/** A setting's assignment: set when it is a secret or a go-live value, else commented out with its production default. */
function assignment({ schema, meta }: SettingLeaf): string {
  if (meta.secret) return `${meta.env}_FILE=${secretFile(meta.env)}`;
  const goLive = GO_LIVE_VALUES[meta.env];
  if (goLive !== undefined) return `${meta.env}=${goLive}`;
  if (meta.requiredWhenLive) throw new Error(`${meta.env}: required when live, and scripts/env-example.ts gives it no value`);
  const fixed = meta.productionDefault ?? declaredDefault(schema);
  return `# ${meta.env}=${fixed === undefined ? '' : String(fixed)}`;
}

function block(leaf: SettingLeaf): string {
  const fallback = leaf.meta.fallback ? [`# ${leaf.meta.fallback.env}=`] : [];
  return [...described(leaf.meta.description), ...fallback, assignment(leaf)].join('\n');
}

/** deploy/member-subgraph.env.example: one block per declared setting, in declaration order. */
export function envExample(): string {
  return `${[HEADER, ...settingLeaves(SETTINGS).map(block)].join('\n\n')}\n`;
}
