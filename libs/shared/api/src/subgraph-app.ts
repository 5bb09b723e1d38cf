import 'reflect-metadata';
import { type Server } from 'node:http';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  Controller,
  type DynamicModule,
  Get,
  Headers,
  type INestApplication,
  Inject,
  type InjectionToken,
  type Provider,
  Res,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { type NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type GraphQLFormattedError } from 'graphql';
import { Logger } from 'nestjs-pino';
import { pino } from 'pino';
import { CALLER_HEADER, type Caller, verifyInternalToken } from '@lianjian/auth';
import { ConfigurationError, type SubgraphSettings } from '@lianjian/config';
import { ServiceWorkers, startConsumersInBackground } from '@lianjian/messaging/nest';
import { subgraphLoggerModule } from './logging';
import { subgraphGraphQLConfig, useGraphQLErrorFormatter, useInputValidation } from './subgraph';

/** The secret the gateway signs caller tokens with: it also admits operators to the health details. */
export const SUBGRAPH_SECRET = Symbol('SUBGRAPH_SECRET');

/** Liveness and readiness, and the Prometheus metrics of the service's registry (prom-client). */
@Controller()
export class SubgraphHealthController {
  constructor(
    @Inject(ServiceWorkers) private readonly workers: ServiceWorkers,
    @Inject(SUBGRAPH_SECRET) private readonly secret: string,
  ) {}

  /**
   * Liveness and readiness: the database answers (the relay's state is read from it; Kafka being down is not fatal).
   * Anyone gets `{ status: 'ok' }`; the relay's state (its checkpoint and leadership) only a caller with a token
   * signed with the subgraph secret (`x-lianjian-caller`, as the gateway or an operator's tool mints it).
   */
  @Get('health')
  async health(@Headers(CALLER_HEADER) token: string | undefined) {
    const relay = await this.workers.relay.status();
    const internal = await verifyInternalToken(token, this.secret).then(
      () => true,
      () => false,
    );
    return internal ? { status: 'ok', relay } : { status: 'ok' };
  }

  /** Prometheus text: store head, relay lag and leadership, projection and consumer lag, process metrics. */
  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    const text = await this.workers.metrics();
    response.setHeader('content-type', this.workers.metricsContentType);
    response.send(text);
  }
}

export interface SubgraphModuleOptions<Context, Dependency> {
  readonly service: string;
  readonly settings: SubgraphSettings;
  /** The service's infrastructure and application providers (global: the GraphQL module and resolvers use them). */
  readonly core: DynamicModule;
  /** The service's background workers, provided by `core`: the health and metrics endpoints read them. */
  readonly workers: Type<ServiceWorkers>;
  /** What the request context is built from (provided by `core`), and how, once the caller is verified. */
  readonly context: {
    readonly inject: InjectionToken<Dependency>;
    readonly build: (caller: Caller, dependency: Dependency) => Context;
  };
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly resolvers: readonly Provider[];
  /** The Kafka controllers (`@EventPattern`), registered only when the background workers run. */
  readonly consumers: readonly Type[];
}

/**
 * The module of a Lianjian subgraph: structured logs, the service's core, Federation 2 GraphQL with the
 * gateway-signed caller, `/health` and `/metrics`, and the Kafka controllers when the background workers run.
 */
export function subgraphModule<Context, Dependency>(
  module: Type,
  options: SubgraphModuleOptions<Context, Dependency>,
): DynamicModule {
  const { settings } = options;
  return {
    module,
    imports: [
      subgraphLoggerModule({ service: options.service, level: settings.logLevel }),
      options.core,
      GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
        driver: ApolloFederationDriver,
        inject: [options.context.inject],
        useFactory: (dependency: Dependency) =>
          subgraphGraphQLConfig<Context>({
            schemaFile: settings.schemaFile,
            gatewaySecret: settings.gatewaySecret,
            formatError: options.formatError,
            context: (caller) => options.context.build(caller, dependency),
          }),
      }),
    ],
    controllers: [SubgraphHealthController, ...(settings.backgroundWorkers ? options.consumers : [])],
    providers: [
      ...options.resolvers,
      { provide: ServiceWorkers, useExisting: options.workers },
      { provide: SUBGRAPH_SECRET, useValue: settings.gatewaySecret },
    ],
  };
}

export interface SubgraphAppOptions {
  readonly settings: SubgraphSettings;
  /** The service's workers class (its Kafka transport becomes the app's microservice). */
  readonly workers: Type<ServiceWorkers>;
  /** The largest JSON body (a CSV import arrives as a GraphQL variable); 100kb when not given. */
  readonly bodyLimit?: string;
}

/** The JSON body limit of a subgraph that sets none (express's default). */
export const DEFAULT_BODY_LIMIT = '100kb';

/**
 * The JSON body parser, with a body over the limit answered as a GraphQL error (HTTP 413, `PAYLOAD_TOO_LARGE`, the
 * limit in the message), which the gateway passes on, instead of an HTML page it can only call an unexpected error.
 * The body itself is never logged or echoed: it may hold personal data.
 */
export function jsonBodyParser(limit: string) {
  const parse = express.json({ limit });
  return (request: Request, response: Response, next: NextFunction): void =>
    parse(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      response.status(413).json({
        errors: [
          {
            message: `the request body is larger than this service accepts (${limit})`,
            extensions: { code: 'PAYLOAD_TOO_LARGE', limit },
          },
        ],
      });
    });
}

/**
 * How long a subgraph keeps an idle keep-alive connection: longer than the gateway's connection pool keeps one idle
 * (Hive Router: 50 s), so the router, not the subgraph, closes idle connections. With Node's default (5 s) the router
 * could send a request on a connection the subgraph was closing at that moment, which it reports as
 * `SUBREQUEST_HTTP_ERROR` — seen once in a CI run under load.
 */
export const SUBGRAPH_KEEP_ALIVE_MS = 65_000;

function keepConnectionsLongerThanTheRouter(server: Server): void {
  server.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  server.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
}

/**
 * Creates a subgraph app from its module (used by main.ts, the supergraph composer and the tests): pino as Nest's
 * logger, input validation, GraphQL errors to the service's formatter, shutdown hooks, and the Kafka transport as
 * a Nest microservice (retries, dead letters, heartbeats) when the background workers run.
 */
export async function createSubgraphApp(module: DynamicModule, options: SubgraphAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bufferLogs: true, // Nest's start-up lines wait for pino
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  keepConnectionsLongerThanTheRouter(app.getHttpServer());
  app.use(jsonBodyParser(options.bodyLimit ?? DEFAULT_BODY_LIMIT));
  useInputValidation(app);
  useGraphQLErrorFormatter(app);
  app.enableShutdownHooks();
  if (options.settings.backgroundWorkers) {
    app.connectMicroservice({ strategy: app.get(options.workers).transport }, { inheritAppConfig: true });
  }
  return app;
}

/**
 * The `main` of a subgraph: settings checked, the app created and listening, the Kafka consumers started in the
 * background (retried until they start: the API need not wait). A wrong or missing setting stops it with a message
 * naming every setting at fault (no stack trace needed).
 */
export function runSubgraph<S extends SubgraphSettings>(
  service: string,
  settingsFromEnv: () => S,
  createApp: (settings: S) => Promise<INestApplication>,
): void {
  const start = async () => {
    const settings = settingsFromEnv();
    const app = await createApp(settings);
    await app.listen(settings.port, settings.host);
    const logger = app.get(Logger);
    logger.log(`subgraph on http://127.0.0.1:${settings.port}/graphql`, service);
    void startConsumersInBackground(app, service, { logger });
  };
  start().catch((error: unknown) => {
    const log = pino({ base: { service } });
    if (error instanceof ConfigurationError)
      log.fatal({ problems: error.problems }, 'failed to start: invalid configuration');
    else log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}
