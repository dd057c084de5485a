import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** What one operation would cost us, measured on the document before anything executes. */
export interface OperationCost {
  /** Deepest field nesting, introspection excluded (Sandbox's own introspection query is deep). */
  depth: number;
  aliases: number;
  /** `member` fields at the root: each may cost three vendor calls. */
  memberFields: number;
  /** Representations passed to `_entities`: each may cost three vendor calls. */
  entityRepresentations: number;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function listLength(value: ValueNode, variables: Record<string, unknown>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return Array.isArray(bound) ? bound.length : 1;
  }
  return 1;
}

const NONE: OperationCost = { depth: 0, aliases: 0, memberFields: 0, entityRepresentations: 0 };

function add(a: OperationCost, b: OperationCost, depthOffset: number): OperationCost {
  return {
    depth: Math.max(a.depth, b.depth === 0 ? 0 : b.depth + depthOffset),
    aliases: a.aliases + b.aliases,
    memberFields: a.memberFields + b.memberFields,
    entityRepresentations: a.entityRepresentations + b.entityRepresentations,
  };
}

/**
 * Each fragment is measured once and its cost reused at every spread, so a document that spreads
 * fragments exponentially is measured in linear time (and its multiplied counts refuse it).
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): OperationCost {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, OperationCost>();

  const measure = (selectionSet: SelectionSetNode, atRoot: boolean, visiting: ReadonlySet<string>): OperationCost => {
    let cost = NONE;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const own: OperationCost = {
          depth: 1,
          aliases: selection.alias ? 1 : 0,
          memberFields: atRoot && selection.name.value === 'member' ? 1 : 0,
          entityRepresentations: 0,
        };
        if (atRoot && selection.name.value === '_entities') {
          const representations = selection.arguments?.find((a) => a.name.value === 'representations');
          if (representations) own.entityRepresentations = listLength(representations.value, variables);
        }
        cost = add(cost, own, 0);
        if (selection.selectionSet) cost = add(cost, measure(selection.selectionSet, false, visiting), 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost = add(cost, measure(selection.selectionSet, atRoot, visiting), 0);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is a validation error reported later; here it just stops the walk.
        if (!fragment || visiting.has(name)) continue;
        const key = `${name}:${atRoot}`;
        let fragmentCost = memo.get(key);
        if (!fragmentCost) {
          fragmentCost = measure(fragment.selectionSet, atRoot, new Set([...visiting, name]));
          memo.set(key, fragmentCost);
        }
        cost = add(cost, fragmentCost, 0);
      }
    }
    return cost;
  };
  return measure(operation.selectionSet, true, new Set());
}
