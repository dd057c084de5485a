import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Kind, OperationTypeNode, parse } from 'graphql';

/**
 * Variables for every example operation, by name: one object, because Apollo Sandbox takes one Variables panel for its
 * whole document. Each operation declares its own variable names, so this one object runs every operation as loaded
 * (test/operations/landing-page.test.ts sends each with it).
 */
const EXAMPLE_VARIABLES: Record<string, unknown> = {
  id: 'M1001',
  phoneInput: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 987 6543', preferred: true },
  promotionInput: { phoneNumber: '+64 9 301 2345', productCode: 'PROTEIN-BAR' },
  loginInput: { memberId: 'M1001', password: 'correct-horse' },
  interactionInput: { memberId: 'M1001', type: 'CLUB-VISIT', note: 'Front desk check-in' },
};

/** One file of `operations/`, with the variables and headers an explorer preloads for it. */
export interface ExampleOperation {
  file: string;
  document: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/** What the explorers preload: the documents, the variables for all of them, the headers they are sent with. */
export interface ExplorerPreload {
  operations: ExampleOperation[];
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * The example operations (`operations/*.graphql`; the build copies them beside the compiled code), each with the
 * variables it declares, sent as the demo member (in `memberIdHeader`, for when AUTHORIZATION is on).
 */
export function explorerPreload(memberIdHeader: string): ExplorerPreload {
  const folder = new URL('../../../operations/', import.meta.url);
  const files = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.graphql')) : [];
  const headers = { [memberIdHeader]: 'M1001' };
  const operations = files
    .sort()
    .map((file) => {
      const document = readFileSync(new URL(file, folder), 'utf8').trim();
      const operations = parse(document).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const declared = operations.flatMap((operation) => (operation.variableDefinitions ?? []).map((v) => v.variable.name.value));
      const reads = operations.every((operation) => operation.operation === OperationTypeNode.QUERY);
      return { file, document, variables: pick(EXAMPLE_VARIABLES, declared), headers, reads };
    })
    // Reads first: the page opens on its first operation, better a read than a write.
    .sort((a, b) => Number(b.reads) - Number(a.reads))
    .map(({ reads: _reads, ...operation }) => operation);
  return { operations, variables: EXAMPLE_VARIABLES, headers };
}

const pick = (values: Record<string, unknown>, names: string[]) =>
  Object.fromEntries(names.filter((name) => name in values).map((name) => [name, values[name]]));
