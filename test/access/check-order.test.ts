import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { print } from 'graphql';
import { Arg, buildSchema, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { EnterPromotionDocument, RecordInteractionDocument, SavePhoneDocument } from '../../generated/graphql/graphql.js';
import { ActsOnMember, OpenToAnyone, SignedIn } from '../../src/schema/auth/access.js';
import type { RequestContext } from '../../src/schema/context.js';
import { Idempotent } from '../../src/schema/idempotency/idempotent.js';
import { MemoryStateStore } from '../../src/state/memory-state-store.js';
import { post } from '../support/idempotency-scenarios.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';

/**
 * A caller who may not act on a member is told so (UNAUTHENTICATED or FORBIDDEN) before idempotency is
 * looked at: never a replay, and never IDEMPOTENCY_KEY_REUSED, which would tell them the key exists.
 */
const ROUTER_SECRET = 'router-shared-secret-for-tests';
const ANONYMOUS = { 'router-authorization': ROUTER_SECRET };
const AS_OTHER_MEMBER = { ...ANONYMOUS, 'x-member-id': 'M1002' };

describe('the access check runs before idempotency on every keyed mutation', () => {
  const stack = useSandboxedSubgraph(() => ({ env: { ROUTER_SECRET, AUTHORIZATION: 'on' } }));

  const MUTATIONS = {
    savePhone: {
      document: print(SavePhoneDocument),
      variable: 'phoneInput',
      input: (key: string, number: string) => ({ memberId: 'M1001', type: 'MOBILE', number, idempotencyKey: key }),
    },
    recordInteraction: {
      document: print(RecordInteractionDocument),
      variable: 'interactionInput',
      input: (key: string, note: string) => ({ memberId: 'M1001', type: 'CLUB-VISIT', note, idempotencyKey: key }),
    },
    enterPromotion: {
      document: print(EnterPromotionDocument),
      variable: 'promotionInput',
      input: (key: string, productCode: string) => ({ phoneNumber: '+64 (21) 123-4567', productCode, idempotencyKey: key }),
    },
  };

  it.each([
    ['savePhone', 'UNAUTHENTICATED', 'no identity', ANONYMOUS],
    ['savePhone', 'FORBIDDEN', "another member's identity", AS_OTHER_MEMBER],
    ['recordInteraction', 'UNAUTHENTICATED', 'no identity', ANONYMOUS],
    ['recordInteraction', 'FORBIDDEN', "another member's identity", AS_OTHER_MEMBER],
    ['enterPromotion', 'UNAUTHENTICATED', 'no identity', ANONYMOUS],
  ] as const)('%s answers %s to %s on every try with one key, never a replay', async (field, code, _case, headers) => {
    const { document, variable, input } = MUTATIONS[field];
    const key = randomUUID();
    const vendorCallsBefore = stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount();

    const first = await post(stack.subgraph, document, { [variable]: input(key, '+64 21 555 0101') }, headers);
    const repeat = await post(stack.subgraph, document, { [variable]: input(key, '+64 21 555 0101') }, headers);
    const otherInput = await post(stack.subgraph, document, { [variable]: input(key, '+64 21 555 0202') }, headers);

    for (const answer of [first, repeat, otherInput]) {
      expect(errorAt(answer, [field]).extensions).toEqual({ code, retryable: false });
      expect(answer.replayed).toBeNull();
    }
    expect(stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount()).toBe(vendorCallsBefore);
  });
});

@InputType()
class ActInput {
  @Field(() => String)
  memberId!: string;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

/** The same keyed mutation twice, with its two declarations written in either order. */
@Resolver()
class EitherOrderResolver {
  static runs = 0;

  @Idempotent()
  @ActsOnMember(({ input }) => (input as ActInput).memberId)
  @Mutation(() => String)
  idempotentAbove(@Arg('input', () => ActInput) input: ActInput): string {
    EitherOrderResolver.runs += 1;
    return `acted on ${input.memberId}`;
  }

  @ActsOnMember(({ input }) => (input as ActInput).memberId)
  @Idempotent()
  @Mutation(() => String)
  idempotentBelow(@Arg('input', () => ActInput) input: ActInput): string {
    EitherOrderResolver.runs += 1;
    return `acted on ${input.memberId}`;
  }

  @OpenToAnyone()
  @Query(() => String, { description: 'A schema needs a query.' })
  ping(): string {
    return 'pong';
  }
}

describe('the order of the declarations on a field changes nothing', () => {
  let server: ApolloServer<RequestContext>;
  beforeAll(async () => {
    server = new ApolloServer({ schema: await buildSchema({ resolvers: [EitherOrderResolver], validate: false }) });
  });

  /** A request's context as far as these two declarations read it: who calls, with authorization on, and the key store. */
  function contextFor(memberId: string | undefined, store: MemoryStateStore) {
    const replayed: string[] = [];
    const context = {
      caller: { memberId, staffScopes: [], address: '127.0.0.1' },
      authorization: { enabled: true, staffScope: 'members:manage' },
      idempotency: {
        store,
        retentionMs: 60_000,
        storeTimeoutMs: 1_000,
        onReplay: (operation: string) => replayed.push(operation),
        headerKey: undefined,
        deadline: Date.now() + 5_000,
        markReplayed: () => undefined,
      },
    } as Partial<RequestContext> as RequestContext;
    return { context, replayed };
  }

  async function act(field: string, memberId: string | undefined, store: MemoryStateStore, note: string) {
    const { context, replayed } = contextFor(memberId, store);
    const { body } = await server.executeOperation<Record<string, string>>(
      {
        query: `mutation($input: ActInput!) { ${field}(input: $input) }`,
        variables: { input: { memberId: 'M1001', note, idempotencyKey: 'the-one-key' } },
      },
      { contextValue: context },
    );
    if (body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = body.singleResult;
    return { code: errors?.[0]?.extensions?.code, data: data?.[field], replayed };
  }

  it.each(['idempotentAbove', 'idempotentBelow'])(
    '%s: a caller who may not act on the member is refused every time, never replayed',
    async (field) => {
      const store = new MemoryStateStore(100);
      const runsBefore = EitherOrderResolver.runs;

      const answers = [
        await act(field, undefined, store, 'first'),
        await act(field, undefined, store, 'first'),
        await act(field, undefined, store, 'other'),
        await act(field, 'M1002', store, 'first'),
        await act(field, 'M1002', store, 'first'),
        await act(field, 'M1002', store, 'other'),
      ];

      expect(answers.map(({ code, replayed }) => [code, replayed])).toEqual([
        ['UNAUTHENTICATED', []],
        ['UNAUTHENTICATED', []],
        ['UNAUTHENTICATED', []],
        ['FORBIDDEN', []],
        ['FORBIDDEN', []],
        ['FORBIDDEN', []],
      ]);
      expect(EitherOrderResolver.runs).toBe(runsBefore);
    },
  );

  it.each(['idempotentAbove', 'idempotentBelow'])('%s: the member runs once with a key and is answered the same again', async (field) => {
    const store = new MemoryStateStore(100);
    const runsBefore = EitherOrderResolver.runs;

    const first = await act(field, 'M1001', store, 'first');
    const repeat = await act(field, 'M1001', store, 'first');
    const reused = await act(field, 'M1001', store, 'other');

    expect([first.data, first.replayed]).toEqual(['acted on M1001', []]);
    expect([repeat.data, repeat.replayed]).toEqual(['acted on M1001', [field]]);
    expect(reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(EitherOrderResolver.runs).toBe(runsBefore + 1);
  });
});

describe('one declaration of each step per field', () => {
  it('refuses a field that declares its access twice, as the class loads', () => {
    const declareTwice = () => {
      @Resolver()
      class TwiceDeclaredResolver {
        @SignedIn()
        @ActsOnMember(({ id }) => String(id))
        @Query(() => String)
        twice(@Arg('id', () => String) id: string): string {
          return id;
        }
      }
      return TwiceDeclaredResolver;
    };

    expect(declareTwice).toThrow('twice declares its access step twice');
  });
});
