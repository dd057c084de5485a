import { createMethodMiddlewareDecorator, type MiddlewareFn } from 'type-graphql';
import type { RequestContext } from './context.js';

/**
 * The steps a field's decorators declare, in the order they run (src/schema/README.md, "Declared steps"): the access
 * check (`@SignedIn`, `@ActsOnMember`), the cache hint (`@CacheHint`), idempotency (`@Idempotent`), the resolver.
 */
const ORDER = ['access', 'cacheHint', 'idempotency'] as const;

type Step = MiddlewareFn<RequestContext>;
type DeclaredSteps = Partial<Record<(typeof ORDER)[number], Step>>;

/** Each decorated class's declared steps, by method name. */
const declaredByClass = new WeakMap<object, Map<string | symbol, DeclaredSteps>>();

/**
 * Runs a field's declared steps in ORDER, each passing on to the next and the last to the resolver. One `next` per
 * call, no promise of its own: this runs for every `_entities` representation and each of its fields. A step that
 * throws still fails the field (type-graphql awaits the middleware in an async function).
 */
function runInOrder(declared: DeclaredSteps): Step {
  let steps: Step[] | undefined; // read at the first call: by then every decorator of the class has run
  return (data, resolve) => {
    const inOrder = (steps ??= ORDER.flatMap((name) => declared[name] ?? []));
    let index = 0;
    const next = (): Promise<unknown> => {
      const step = inOrder[index++];
      return step === undefined ? resolve() : Promise.resolve(step(data, next));
    };
    return next();
  };
}

/**
 * Declares that a field runs `step` as its `name` step. The first step declared on a field adds the one method
 * middleware that runs them all; it reads them when called, so the decorators' order on the method does not matter.
 */
export function declareStep(name: keyof DeclaredSteps, step: Step): MethodDecorator {
  return (target, key, descriptor) => {
    let byMethod = declaredByClass.get(target);
    if (byMethod === undefined) declaredByClass.set(target, (byMethod = new Map()));
    let declared = byMethod.get(key);
    if (declared === undefined) {
      byMethod.set(key, (declared = {}));
      createMethodMiddlewareDecorator(runInOrder(declared))(target, key, descriptor);
    }
    if (declared[name] !== undefined) throw new Error(`${String(key)} declares its ${name} step twice`);
    declared[name] = step;
  };
}
