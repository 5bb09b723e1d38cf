import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { type Logger, pino } from 'pino';
import {
  AuthError,
  CALLER_HEADER,
  CORRELATION_ID_HEADER,
  type Caller,
  REQUEST_ID_HEADER,
  headerId,
  signInternalToken,
  userTokenVerifier,
} from '@lianjian/auth';
import { type GatewaySettings, loadSupergraph } from './settings';

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

const correlationIds = new WeakMap<Request, string>();

/**
 * The correlation id of a client operation: the client's (or its proxy's) `x-correlation-id`, else its
 * `x-request-id`, else a new one. Every subgraph call of the operation carries it, and the answer echoes it, so the
 * subgraphs' log lines of one operation are found together (docs/adr/0018).
 */
function correlationIdOf(request: Request): string {
  let id = correlationIds.get(request);
  if (!id) {
    id =
      headerId(request.headers.get(CORRELATION_ID_HEADER)) ??
      headerId(request.headers.get(REQUEST_ID_HEADER)) ??
      randomUUID();
    correlationIds.set(request, id);
  }
  return id;
}

/**
 * A JSON line per request (pino): its request id (the caller's `x-request-id` when well-formed, else a new one),
 * correlation id, method, path, status and time — never its headers, query string or body. Both ids are echoed.
 */
function requestLog(log: Logger): GatewayPlugin<AuthContext> {
  const started = new WeakMap<Request, { at: number; reqId: string }>();
  return {
    onRequest({ request }) {
      started.set(request, {
        at: performance.now(),
        reqId: headerId(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID(),
      });
    },
    onResponse({ request, response }) {
      const correlationId = correlationIdOf(request);
      const { at, reqId } = started.get(request) ?? { at: performance.now(), reqId: randomUUID() };
      response.headers.set(CORRELATION_ID_HEADER, correlationId);
      response.headers.set(REQUEST_ID_HEADER, reqId);
      const path = new URL(request.url).pathname;
      if (path === '/healthcheck' || path === '/readiness') return;
      const status = response.status;
      log[status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info'](
        {
          reqId,
          correlationId,
          req: { method: request.method, path },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - at),
        },
        'request completed',
      );
    },
  };
}

/** The gateway's logger: JSON lines on stdout at the configured level. */
export function gatewayLogger(settings: Pick<GatewaySettings, 'logLevel'>): Logger {
  return pino({ level: settings.logLevel, base: { service: 'gateway' } });
}

export function createGateway(settings: GatewaySettings, log: Logger = gatewayLogger(settings)) {
  const supergraph = loadSupergraph(settings);
  return createGatewayRuntime<AuthContext>({
    supergraph: () => supergraph,
    ...(settings.queryPlanner === 'rust' ? { unifiedGraphHandler } : {}),
    landingPage: false,
    graphqlEndpoint: '/graphql',
    graphiql: {
      title: '联建 Lianjian GraphQL',
      ...(settings.ideToken
        ? { defaultHeaders: JSON.stringify({ Authorization: `Bearer ${settings.ideToken}` }) }
        : {}),
    },
    renderGraphiQL, // bundled: the IDE loads nothing from a CDN
    propagateHeaders: {
      fromClientToSubgraphs: ({ context, request }) => ({
        [CORRELATION_ID_HEADER]: correlationIdOf(request),
        ...(context.internalToken ? { [CALLER_HEADER]: context.internalToken } : {}),
      }),
    },
    plugins: () => [
      requestLog(log),
      authentication(settings),
      maxDepthPlugin({ n: settings.maxDepth, ignoreIntrospection: true, exposeLimits: true }),
      costLimitPlugin({ maxCost: settings.maxCost, ignoreIntrospection: true, exposeLimits: true }),
      maxAliasesPlugin({ n: settings.maxAliases, exposeLimits: true }),
    ],
  });
}

export async function startGateway(
  settings: GatewaySettings,
  log: Logger = gatewayLogger(settings),
): Promise<{ server: Server; close: () => Promise<void> }> {
  const gateway = createGateway(settings, log);
  const server = createServer((request, response) => void gateway(request, response));
  await new Promise<void>((resolve) => server.listen(settings.port, settings.host, resolve));
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
