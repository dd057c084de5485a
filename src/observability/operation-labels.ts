import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { rootFieldsByResponseKey } from '../schema/root-fields.js';

/** The label of a request whose operation never resolved (a parse, validation or operation-name failure): nothing ran. */
export const UNRESOLVED_OPERATION = '__unresolved';
/** A plain GraphQL name of at most 64 characters: the only operation names a span attribute carries. */
const PLAIN_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * What an operation is counted as: the root fields it selects (through fragments too), distinct, sorted and joined by
 * `+` (`member`, `savePhone`, `__typename+member`), or UNRESOLVED_OPERATION. Every label value is a time series
 * Prometheus keeps for ever, and an operation's name is whatever the caller wrote, so names are never labels: root
 * fields are the schema's own (validation has refused any other), a finite set however many names callers invent.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): string {
  if (!operation) return UNRESOLVED_OPERATION;
  return [...new Set(rootFieldsByResponseKey(operation, document).values())].sort().join('+');
}

/** The caller's operation name for a span attribute, when it is a plain GraphQL name of at most 64 characters. */
export function plainOperationName(name: string | null | undefined): string | undefined {
  return name && PLAIN_NAME.test(name) ? name : undefined;
}
