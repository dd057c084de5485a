import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

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
  const fragments = new Map(
    (document?.definitions ?? [])
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields = new Set<string>();
  const spread = new Set<string>();
  const collect = (selections: SelectionSetNode) => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...fields].sort().join('+');
}

/** The caller's operation name for a span attribute, when it is a plain GraphQL name of at most 64 characters. */
export function plainOperationName(name: string | null | undefined): string | undefined {
  return name && PLAIN_NAME.test(name) ? name : undefined;
}
