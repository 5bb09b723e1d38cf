// A peer for the gateway benchmark: Hive Gateway (MIT) over the same supergraph, with its JavaScript query planner or
// the Rust one of @graphql-hive/router-runtime (GATEWAY_QUERY_PLANNER=js|rust), and the same checks as every gateway
// of bench:gateway: the user's JWT verified, the caller passed to the subgraphs in the signed caller header, depth,
// cost and alias limits. The platform ran it until docs/adr/0019 chose Hive Router; it stays here to be measured.
import { createServer } from 'node:http';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { GraphQLError } from 'graphql';
import {
  AuthError,
  CALLER_HEADER,
  type Caller,
  signInternalToken,
  userTokenVerifier,
} from '../../libs/shared/auth/src';
import { type GatewaySettings, gatewaySettingsFromEnv, loadSupergraph } from '../../apps/gateway/src/settings';

interface AuthContext {
  caller?: Caller;
  internalToken?: string;
}

/**
 * Authentication at the edge: every operation needs a valid user JWT (Authorization: Bearer …). The verified
 * caller goes to the subgraphs as a short-lived token signed with the secret only the gateway and subgraphs
 * share; subgraphs trust nothing else.
 */
function authentication(settings: GatewaySettings): GatewayPlugin<AuthContext> {
  const verify = userTokenVerifier(settings.userTokens);
  return {
    async onContextBuilding({ context, extendContext }) {
      const header = context.request.headers.get('authorization') ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      try {
        if (!token) throw new AuthError('UNAUTHENTICATED', 'an Authorization: Bearer token is required');
        const caller = await verify(token);
        extendContext({ caller, internalToken: await signInternalToken(caller, settings.subgraphSecret) });
      } catch (error) {
        const message = error instanceof AuthError ? error.message : 'invalid token';
        throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  };
}

function createGateway(settings: GatewaySettings, queryPlanner: 'js' | 'rust') {
  const supergraph = loadSupergraph(settings);
  return createGatewayRuntime<AuthContext>({
    supergraph: () => supergraph,
    ...(queryPlanner === 'rust' ? { unifiedGraphHandler } : {}),
    landingPage: false,
    graphiql: false,
    graphqlEndpoint: '/graphql',
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => (context.internalToken ? { [CALLER_HEADER]: context.internalToken } : {}),
    },
    plugins: () => [
      authentication(settings),
      maxDepthPlugin({ n: settings.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
      costLimitPlugin({ maxCost: settings.maxCost, ignoreIntrospection: true, exposeLimits: true }),
      maxAliasesPlugin({ n: settings.maxAliases, exposeLimits: true }),
    ],
  });
}

const settings = gatewaySettingsFromEnv();
const gateway = createGateway(settings, process.env['GATEWAY_QUERY_PLANNER'] === 'rust' ? 'rust' : 'js');
const server = createServer((request, response) => void gateway(request, response));
server.listen(settings.port, settings.host);
const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
