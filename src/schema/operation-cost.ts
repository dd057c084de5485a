import {
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** What one operation would cost us, measured on the document before anything executes. */
export interface OperationCost {
  /** Deepest field nesting, introspection excluded (Sandbox's own introspection query is deep). */
  depth: number;
  /** Aliased fields, introspection included: each alias is one more answer to compute and send. */
  aliases: number;
  /**
   * `member` fields at the root: each may cost a member's vendor reads (two Kognitiv reads, the Debitsuccess accounts
   * read, and a bounded number of phone pages per billing customer: `FIELD_COSTS`, shared/field-cost.ts, which routers
   * estimate an operation by).
   */
  memberFields: number;
  /** Representations passed to `_entities`, duplicates included: each is parsed, checked and answered. */
  entityRepresentations: number;
  /** The distinct members those representations name: each may cost a member's vendor reads. */
  entityMembers: EntityMembers;
  /** `__schema` and `__type` fields at the root: each answers tens of kilobytes. */
  introspectionFields: number;
}

/**
 * The members `_entities` will resolve. Ids are kept as given: the per-request DataLoaders key on
 * the id exactly as sent, so `M1001` and `m1001` are two members' worth of vendor calls. A
 * representation whose id cannot be read before execution (not an object with a string `id`) is
 * counted as a member of its own.
 */
export interface EntityMembers {
  ids: ReadonlySet<string>;
  unidentified: number;
}

/** The measures that add up over the operations of one HTTP request (depth does not; members are a union, not a sum). */
export type AdditiveCost = Omit<OperationCost, 'depth' | 'entityMembers'>;

const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * The variables as execution will see them: those bound in the request, and the default value of
 * each one left unbound. Built with `Object.fromEntries`, so a variable named `__proto__` is a plain key.
 */
function effectiveVariables(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const defaults = (operation.variableDefinitions ?? [])
    .filter((definition) => definition.defaultValue && !Object.hasOwn(variables, definition.variable.name.value))
    // A default value is a constant: it holds no variables.
    .map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)] as const);
  return { ...variables, ...Object.fromEntries(defaults) };
}

/**
 * The items execution will see in a list argument, however the list arrives: a literal list (whose
 * items may be variables), a variable bound in the request, or that variable's default value. A
 * single value where a list is expected is coerced to a list of one.
 */
function listItems(value: ValueNode, variables: Record<string, unknown>): readonly unknown[] {
  const list: unknown = valueFromASTUntyped(value, variables);
  if (list === null || list === undefined) return [];
  return Array.isArray(list) ? list : [list];
}

function memberIdOf(representation: unknown): string | undefined {
  if (typeof representation !== 'object' || representation === null) return undefined;
  const id: unknown = (representation as { id?: unknown }).id;
  return Object.hasOwn(representation, 'id') && typeof id === 'string' ? id : undefined;
}

function entityMembersOf(representationLists: Iterable<readonly unknown[]>): EntityMembers {
  const ids = new Set<string>();
  let unidentified = 0;
  for (const list of representationLists) {
    for (const representation of list) {
      const id = memberIdOf(representation);
      if (id === undefined) unidentified += 1;
      else ids.add(id);
    }
  }
  return { ids, unidentified };
}

type ShapeCost = Omit<OperationCost, 'entityMembers'>;

const NONE: ShapeCost = { depth: 0, aliases: 0, memberFields: 0, entityRepresentations: 0, introspectionFields: 0 };

function add(a: ShapeCost, b: ShapeCost, depthOffset: number): ShapeCost {
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
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): OperationCost {
  const fragments = fragmentsOf(document);
  const values = effectiveVariables(operation, variables);
  const memo = new Map<string, ShapeCost>();
  // Keyed by the argument's node: a fragment spread many times names the same members once.
  const representationLists = new Map<ValueNode, readonly unknown[]>();

  const measure = (selectionSet: SelectionSetNode, atRoot: boolean, visiting: ReadonlySet<string>): ShapeCost => {
    let cost = NONE;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const introspection = name.startsWith('__');
        const own: ShapeCost = {
          depth: introspection ? 0 : 1,
          aliases: selection.alias ? 1 : 0,
          memberFields: atRoot && name === 'member' ? 1 : 0,
          entityRepresentations: 0,
          introspectionFields: atRoot && INTROSPECTION_ROOT_FIELDS.has(name) ? 1 : 0,
        };
        if (atRoot && name === '_entities') {
          const representations = selection.arguments?.find((a) => a.name.value === 'representations');
          if (representations) {
            const list = representationLists.get(representations.value) ?? listItems(representations.value, values);
            representationLists.set(representations.value, list);
            own.entityRepresentations = list.length;
          }
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
  const shape = measure(operation.selectionSet, true, new Set());
  return { ...shape, entityMembers: entityMembersOf(representationLists.values()) };
}
