import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A small companion subgraph, as another team would own it: bookings that reference our Member, and a
 * field of its own on Member (`bookings`).
 */
export const COMPANION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Booking @key(fields: "id") {
    id: ID!
    className: String!
    member: Member!
  }
  type Member @key(fields: "id") {
    id: ID!
    bookings: [Booking!]!
  }
  type Query {
    bookings: [Booking!]!
    "A page of 150 bookings by three members, as a timetable page reaches a router."
    busyWeek: [Booking!]!
    "\`count\` first bookings, each by a member of its own, ids prefixed with the cohort."
    newcomers(cohort: String!, count: Int! = 60): [Booking!]!
  }
`;

interface BookingRow {
  id: string;
  className: string;
  memberId: string;
}

export const BOOKINGS: readonly BookingRow[] = [
  { id: 'B1', className: 'Spin', memberId: 'M1001' },
  { id: 'B2', className: 'Yoga', memberId: 'NO-SUCH-MEMBER' },
  { id: 'B3', className: 'Pump', memberId: 'M1001' },
  { id: 'B4', className: 'Swim', memberId: 'M1002' },
];

export const BUSY_WEEK_MEMBERS = ['M1001', 'M1002', 'M1003'] as const;
const BUSY_WEEK: readonly BookingRow[] = Array.from({ length: 150 }, (_, i) => ({
  id: `W${i}`,
  className: 'Spin',
  memberId: BUSY_WEEK_MEMBERS[i % BUSY_WEEK_MEMBERS.length]!,
}));

const newcomers = (_root: unknown, { cohort, count }: { cohort: string; count: number }): BookingRow[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${cohort}-B${i}`, className: 'Intro', memberId: `${cohort}${i}` }));

export interface Companion {
  url: string;
  stop(): Promise<void>;
}

export async function startCompanion(): Promise<Companion> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(COMPANION_SDL),
        resolvers: {
          Query: { bookings: () => BOOKINGS, busyWeek: () => BUSY_WEEK, newcomers },
          Booking: { member: (b: BookingRow) => ({ __typename: 'Member', id: b.memberId }) },
          Member: {
            __resolveReference: (member: { id: string }) => member,
            bookings: (member: { id: string }) => BOOKINGS.filter((b) => b.memberId === member.id),
          },
        },
      },
    ]),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
