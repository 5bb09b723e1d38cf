// The peer for the gateway benchmark: Apollo Gateway (Elastic License 2.0) on Apollo Server 5 over the same
// supergraph, with the same checks as every gateway of bench:gateway: the user's JWT verified, the caller passed to
// the subgraphs in the signed caller header, depth, cost and alias limits (GraphQL Armor's validation rules).
// Not part of the platform: see docs/adr/0019.
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { CALLER_HEADER, signInternalToken, userTokenVerifier } from '../../libs/shared/auth/src';
import { gatewaySettingsFromEnv, loadSupergraph } from '../../apps/gateway/src/settings';

interface Context {
  internalToken: string;
}

async function main(): Promise<void> {
  const settings = gatewaySettingsFromEnv();
  const verify = userTokenVerifier(settings.userTokens);
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraph(settings),
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<Context>({
        url,
        willSendRequest({ request, context }) {
          const token = (context as Context).internalToken;
          request.http?.headers.set(CALLER_HEADER, token);
        },
      }),
  });
  const server = new ApolloServer<Context>({
    gateway,
    validationRules: [
      maxDepthRule({ n: settings.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
      costLimitRule({ maxCost: settings.maxCost, ignoreIntrospection: true, exposeLimits: true }),
      maxAliasesRule({ n: settings.maxAliases, exposeLimits: true }),
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: settings.port, host: settings.host },
    context: async ({ req }) => {
      const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token)
        throw new GraphQLError('an Authorization: Bearer token is required', {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
        });
      return { internalToken: await signInternalToken(await verify(token), settings.subgraphSecret) };
    },
  });
  console.log(`[apollo-gateway] ${url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
