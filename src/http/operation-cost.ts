import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** What one operation would cost us, measured on the document before anything executes. */
export interface OperationCost {
  /** Deepest field nesting, introspection excluded (Sandbox's own introspection query is deep). */
  depth: number;
  /** Aliased fields, introspection included: each alias is one more answer to compute and send. */
  aliases: number;
  /** `member` fields at the root: each may cost three vendor calls. */
  memberFields: number;
  /** Representations passed to `_entities`: each may cost three vendor calls. */
  entityRepresentations: number;
  /** `__schema` and `__type` fields at the root: each answers tens of kilobytes. */
  introspectionFields: number;
}

/** The measures that add up over the operations of one HTTP request (depth does not). */
export type AdditiveCost = Omit<OperationCost, 'depth'>;

const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * How many items execution will see in a list argument, however the list arrives: a literal list
 * (whose items may be variables), a variable bound in the request, or that variable's default value.
 * A single value where a list is expected is coerced to a list of one.
 */
function listLength(value: ValueNode, variables: Record<string, unknown>, defaults: ReadonlyMap<string, ValueNode>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.NULL) return 0;
  if (value.kind !== Kind.VARIABLE) return 1;
  const name = value.name.value;
  if (Object.hasOwn(variables, name)) {
    const bound = variables[name];
    if (bound === null || bound === undefined) return 0;
    return Array.isArray(bound) ? bound.length : 1;
  }
  const fallback = defaults.get(name);
  // A default value is a constant: it holds no variables.
  return fallback ? listLength(fallback, {}, new Map()) : 0;
}

function defaultValuesOf(operation: OperationDefinitionNode): Map<string, ValueNode> {
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  return defaults;
}

const NONE: OperationCost = { depth: 0, aliases: 0, memberFields: 0, entityRepresentations: 0, introspectionFields: 0 };

function add(a: OperationCost, b: OperationCost, depthOffset: number): OperationCost {
  return {
    depth: Math.max(a.depth, b.depth === 0 ? 0 : b.depth + depthOffset),
    aliases: a.aliases + b.aliases,
    memberFields: a.memberFields + b.memberFields,
    entityRepresentations: a.entityRepresentations + b.entityRepresentations,
    introspectionFields: a.introspectionFields + b.introspectionFields,
  };
}

/**
 * Each fragment is measured once and its cost reused at every spread, so a document that spreads
 * fragments exponentially is measured in linear time (and its multiplied counts refuse it).
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): OperationCost {
  const fragments = fragmentsOf(document);
  const defaults = defaultValuesOf(operation);
  const memo = new Map<string, OperationCost>();

  const measure = (selectionSet: SelectionSetNode, atRoot: boolean, visiting: ReadonlySet<string>): OperationCost => {
    let cost = NONE;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const introspection = name.startsWith('__');
        const own: OperationCost = {
          depth: introspection ? 0 : 1,
          aliases: selection.alias ? 1 : 0,
          memberFields: atRoot && name === 'member' ? 1 : 0,
          entityRepresentations: 0,
          introspectionFields: atRoot && INTROSPECTION_ROOT_FIELDS.has(name) ? 1 : 0,
        };
        if (atRoot && name === '_entities') {
          const representations = selection.arguments?.find((a) => a.name.value === 'representations');
          if (representations) own.entityRepresentations = listLength(representations.value, variables, defaults);
        }
        cost = add(cost, own, 0);
        if (selection.selectionSet) {
          const below = measure(selection.selectionSet, false, visiting);
          // Below an introspection field everything counts except depth.
          cost = add(cost, introspection ? { ...below, depth: 0 } : below, 1);
        }
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
