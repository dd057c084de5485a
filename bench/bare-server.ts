import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AddressInfo } from 'node:net';

/** The framework floor: Apollo Server on Express 5 answering a constant, in a process of its own. */
const server = new ApolloServer({ typeDefs: 'type Query { constant: String! }', resolvers: { Query: { constant: () => 'floor' } } });
await server.start();
const app = express();
app.use('/graphql', express.json(), expressMiddleware(server));
const listener = app.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(listener.address() as AddressInfo).port}/graphql` }));
});
